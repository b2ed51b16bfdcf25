package dev.bnlab.spec;

/** The update rule of every parameter. */
public enum Optimizer implements Choice {
    /** DL4J's {@code Nesterovs}: SGD with Nesterov momentum. BN Lab's default. */
    NESTEROV("nesterov", "SGD with Nesterov momentum (DL4J's Nesterovs)"),
    /**
     * Classical (heavy-ball) momentum, PyTorch's {@code torch.optim.SGD(lr, momentum)} as the notebook uses it:
     * BN Lab's own DL4J updater, {@code dev.bnlab.network.ClassicalMomentum}.
     */
    MOMENTUM("momentum", "SGD with classical momentum, as PyTorch's torch.optim.SGD (the notebook's optimizer)"),
    /** DL4J's {@code Sgd}: plain stochastic gradient descent; the momentum setting is not used. */
    SGD("sgd", "plain SGD, no momentum (the momentum setting is ignored)");

    private final String id;
    private final String description;

    Optimizer(String id, String description) {
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
