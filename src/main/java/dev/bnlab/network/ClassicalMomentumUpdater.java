package dev.bnlab.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

import java.util.Collections;
import java.util.Map;

/**
 * The step of {@link ClassicalMomentum} for one block of parameters: {@code v ← μ·v + g}, and the gradient is
 * replaced in place by the update {@code lr·v}, which DL4J subtracts from the parameters (as it does with
 * {@code SgdUpdater}'s {@code lr·g}). In float, each step rounds as PyTorch's {@code buf.mul_(μ).add_(g)} and
 * {@code p.add_(buf, alpha=-lr)} do. The velocity starts at zero, so the first step is {@code lr·g}, as in PyTorch.
 */
public final class ClassicalMomentumUpdater implements GradientUpdater<ClassicalMomentum> {
    /** The name of the velocity in the updater state, as DL4J's Nesterov updater names its own. */
    public static final String V_STATE = "V";

    private final ClassicalMomentum config;
    private INDArray v;

    public ClassicalMomentumUpdater(ClassicalMomentum config) {
        this.config = config;
    }

    @Override
    public ClassicalMomentum getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (stateMap == null || stateMap.size() != 1 || !stateMap.containsKey(V_STATE)) {
            throw new IllegalStateException("the classical-momentum state must hold exactly [" + V_STATE + "], got "
                    + (stateMap == null ? "none" : stateMap.keySet()));
        }
        this.v = stateMap.get(V_STATE);
        if (initialize) {
            v.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Collections.singletonMap(V_STATE, v);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (!viewArray.isRowVectorOrScalar()) {
            throw new IllegalArgumentException("the classical-momentum state must be a row vector, got shape "
                    + java.util.Arrays.toString(viewArray.shape()));
        }
        if (initialize) {
            viewArray.assign(0);
        }
        INDArray shaped = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
        if (shaped == null) {
            throw new IllegalStateException("cannot view the classical-momentum state with the gradient's shape "
                    + java.util.Arrays.toString(gradientShape));
        }
        this.v = shaped;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (v == null) {
            throw new IllegalStateException("the classical-momentum updater has no state view yet");
        }
        double momentum = config.getMomentum();
        double learningRate = config.getLearningRate(iteration, epoch);
        if (gradient.length() != v.length()) {
            throw new IllegalArgumentException("gradient of " + gradient.length() + " values for a velocity of "
                    + v.length());
        }
        v.muli(momentum).addi(gradient.reshape(v.shape()));            // v ← μ·v + g
        gradient.assign(v.reshape(gradient.shape())).muli(learningRate); // the update lr·v, subtracted by DL4J
    }
}
