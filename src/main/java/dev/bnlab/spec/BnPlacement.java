package dev.bnlab.spec;

/** Where a variant puts Batch Normalization in each hidden layer, if anywhere. */
public enum BnPlacement implements Choice {
    /** Dense → activation. */
    NONE("none", "without BN", "no Batch Normalization"),
    /** Dense → activation → BN: the notebook's placement. */
    AFTER("after", "BN after activation", "dense → activation → BN (the notebook)"),
    /** Dense without bias → BN → activation: the BN paper's placement; BN's β takes the bias's role. */
    BEFORE("before", "BN before activation", "dense without bias → BN → activation (the BN paper)");

    private final String id;
    private final String defaultName;
    private final String description;

    BnPlacement(String id, String defaultName, String description) {
        this.id = id;
        this.defaultName = defaultName;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    /** The name a variant with this placement gets unless its spec names it. */
    public String defaultName() {
        return defaultName;
    }

    @Override
    public String description() {
        return description;
    }
}
