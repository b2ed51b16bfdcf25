package dev.bnlab.spec;

/** The nonlinearity of every hidden layer. */
public enum HiddenActivation implements Choice {
    RELU("relu", "ReLU, as the notebook"),
    SIGMOID("sigmoid", "logistic sigmoid, as the BN paper's MNIST network");

    private final String id;
    private final String description;

    HiddenActivation(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }
}
