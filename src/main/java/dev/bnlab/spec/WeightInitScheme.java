package dev.bnlab.spec;

/** How weights and biases start. */
public enum WeightInitScheme implements Choice {
    /** PyTorch's {@code nn.Linear}: weights and biases uniform in ±1/√fan-in. */
    UNIFORM("uniform", "weights and biases uniform in ±1/√fan-in, as PyTorch's nn.Linear (the notebook)"),
    /** Small Gaussian weights, N(0, 1/fan-in), biases zero: the BN paper's "small random Gaussian values". */
    GAUSSIAN("gaussian", "weights Gaussian N(0, 1/fan-in), biases zero (the BN paper's MNIST network)");

    private final String id;
    private final String description;

    WeightInitScheme(String id, String description) {
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
