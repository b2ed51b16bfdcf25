package dev.bnlab.probe;

/** Where in a hidden layer the probe records the distribution of values. */
public enum ProbeSite {
    /** What goes into the nonlinearity: Wx + b without BN, BN(Wx) with BN before the activation (the paper's x). */
    PRE_ACTIVATION("pre_activation", "input to the nonlinearity"),
    /** What goes into a BN layer: the activation with BN after it, Wx with BN before it. */
    BN_INPUT("bn_input", "BN input"),
    /** What comes out of a BN layer placed after the activation. */
    BN_OUTPUT("bn_output", "BN output");

    private final String key;
    private final String label;

    ProbeSite(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** "pre_activation": the name in CSV files. */
    public String key() {
        return key;
    }

    /** "input to the nonlinearity". */
    public String label() {
        return label;
    }
}
