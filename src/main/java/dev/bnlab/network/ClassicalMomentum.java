package dev.bnlab.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Objects;

/**
 * SGD with classical (heavy-ball) momentum, as PyTorch's {@code torch.optim.SGD(lr, momentum)} without
 * dampening, Nesterov or weight decay: per parameter a velocity {@code v ← μ·v + g}, then {@code θ ← θ − lr·v}.
 * DL4J 1.0.0-M2.1 has only Nesterov momentum ({@code Nesterovs}); this fills the gap.
 * <p>
 * A DL4J updater configuration like {@code Nesterovs}: it is stored in the network's JSON configuration
 * (Jackson, through {@link IUpdater}'s {@code @class} property) and its state, one velocity array {@code "V"}
 * per parameter, lives in the network's updater state view, so {@code ModelSerializer} saves and restores it.
 * It depends on nothing but ND4J, so a saved model needs only this class and {@link ClassicalMomentumUpdater}
 * beside DL4J to be loaded. The learning rate may follow an ND4J {@link ISchedule}; the momentum is fixed.
 */
public final class ClassicalMomentum implements IUpdater {
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final double DEFAULT_MOMENTUM = 0.9;

    private double learningRate;
    private ISchedule learningRateSchedule;
    private double momentum;

    /** Learning rate 0.01, momentum 0.9 (the notebook's). */
    public ClassicalMomentum() {
        this(DEFAULT_LEARNING_RATE, null, DEFAULT_MOMENTUM);
    }

    public ClassicalMomentum(double learningRate, double momentum) {
        this(learningRate, null, momentum);
    }

    public ClassicalMomentum(ISchedule learningRateSchedule, double momentum) {
        this(Double.NaN, Objects.requireNonNull(learningRateSchedule, "learningRateSchedule"), momentum);
    }

    @JsonCreator
    private ClassicalMomentum(@JsonProperty("learningRate") double learningRate,
                              @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                              @JsonProperty("momentum") double momentum) {
        if (learningRateSchedule == null && !(learningRate >= 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0 (got " + learningRate + ")");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be at least 0 and less than 1 (got " + momentum + ")");
        }
        this.learningRate = learningRate;
        this.learningRateSchedule = learningRateSchedule;
        this.momentum = momentum;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    public double getMomentum() {
        return momentum;
    }

    /** One velocity value per parameter. */
    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        ClassicalMomentumUpdater u = new ClassicalMomentumUpdater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        u.setStateViewArray(flat, flat.shape(), flat.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        ClassicalMomentumUpdater u = new ClassicalMomentumUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public ClassicalMomentum clone() {
        return new ClassicalMomentum(learningRate, learningRateSchedule == null ? null : learningRateSchedule.clone(),
                momentum);
    }

    /** DL4J puts parameters whose updaters are equal into one block with one state view: equality is by value. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClassicalMomentum c && Double.compare(c.learningRate, learningRate) == 0
                && Double.compare(c.momentum, momentum) == 0
                && Objects.equals(c.learningRateSchedule, learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, momentum);
    }

    @Override
    public String toString() {
        return "ClassicalMomentum(learningRate=" + learningRate
                + (learningRateSchedule == null ? "" : ", learningRateSchedule=" + learningRateSchedule)
                + ", momentum=" + momentum + ")";
    }
}
