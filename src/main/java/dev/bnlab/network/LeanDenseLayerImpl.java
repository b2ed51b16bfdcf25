package dev.bnlab.network;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer whose backward pass does only the matrix products it needs.
 * <p>
 * DL4J 1.0.0-M2.1's dense backward pass recomputes the forward product {@code z = x W + b} to get the
 * activation's derivative, and always computes the gradient with respect to its input, even for the
 * network's first layer, whose input is the data: 12 matrix products per iteration for the notebook's MLP
 * where 8 suffice. For the activations BN Lab uses, the derivative follows from the forward pass's output
 * {@code y}: ReLU's is 1 where {@code y > 0}, the sigmoid's is {@code y (1 - y)}, the identity's is 1 (the
 * dense layer under "BN before the activation"); and the first layer's input gradient is never used (DL4J
 * accepts none, as for embeddings). Anything else (other activations, masks, dropout, layer norm,
 * inference) is left to DL4J's own code.
 */
public class LeanDenseLayerImpl extends DenseLayer {
    private INDArray output;
    private float[] outputValues;
    private float[] epsilonValues;
    private float[] columnSums = new float[0];
    private float[] row = new float[0];

    public LeanDenseLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean leanPathApplies() {
        org.deeplearning4j.nn.conf.layers.DenseLayer c = layerConf();
        IActivation a = c.getActivationFn();
        boolean derivativeFromOutput = a instanceof ActivationReLU relu && relu.getMax() == null
                && relu.getThreshold() == null && relu.getNegativeSlope() == null
                || a instanceof ActivationSigmoid || a instanceof ActivationIdentity;
        return derivativeFromOutput && c.getIDropout() == null && c.getWeightNoise() == null && !c.isHasLayerNorm()
                && maskArray == null;
    }

    /** dL/dz from dL/dy and the forward output y, in a new array (y is still the next layer's input). */
    private INDArray delta(INDArray y, INDArray epsilon) {
        IActivation a = layerConf().getActivationFn();
        if (a instanceof ActivationIdentity) {
            return epsilon;
        }
        if (a instanceof ActivationSigmoid) {
            return y.rsub(1.0).muli(y).muli(epsilon); // sigma'(z) = y (1 - y)
        }
        // relu'(z) = 1 where z > 0, i.e. where the output relu(z) > 0: no need to recompute z
        return a.backprop(y, epsilon).getFirst();
    }

    /**
     * dL/dz (in a new array) and, if {@code biasGrad} is given, its column sums, in Java loops for a float
     * layer: the same values as {@link #delta} (the ReLU mask and {@code ((1 - y) y) dy} in the same float
     * operations) and the bias gradient summed row by row, where ND4J's {@code relu_bp} and {@code sum(0)} ops
     * cost ~140 and ~80 µs each on a 64 x 512 batch here, mostly fixed cost. Null (nothing done) for other
     * data types or layouts.
     */
    private INDArray deltaInJava(INDArray y, INDArray epsilon, INDArray biasGrad) {
        IActivation a = layerConf().getActivationFn();
        if (dataType != DataType.FLOAT || y.dataType() != DataType.FLOAT || y.rank() != 2 || !RowMajorCopy.gapless(y)
                || !java.util.Arrays.equals(y.shape(), epsilon.shape())) {
            return null;
        }
        if (a instanceof ActivationIdentity && biasGrad == null) {
            return epsilon; // the dense layer under "BN before the activation": nothing to compute
        }
        final int rows = Math.toIntExact(y.size(0));
        final int c = Math.toIntExact(y.size(1));
        final int n = rows * c;
        final float[] e = epsilonValues = RowMajorCopy.read(epsilon, epsilonValues);
        final INDArray delta;
        final float[] d;
        if (a instanceof ActivationIdentity) {
            delta = epsilon;
            d = e;
        } else {
            final float[] out = outputValues = RowMajorCopy.read(y, outputValues);
            if (a instanceof ActivationSigmoid) {
                for (int i = 0; i < n; i++) {
                    out[i] = ((1.0f - out[i]) * out[i]) * e[i];
                }
            } else { // ReLU: dy where the output is positive
                for (int i = 0; i < n; i++) {
                    out[i] = out[i] > 0.0f ? e[i] : 0.0f;
                }
            }
            // into a new array, as DL4J's ReLU backprop does (y.ulike()): y is still the next layer's input,
            // and the output layer's score is computed from its input after the backward pass
            delta = y.ulike();
            RowMajorCopy.write(out, delta);
            d = out;
        }
        if (biasGrad != null) {
            if (columnSums.length != c) {
                columnSums = new float[c];
                row = new float[c];
            }
            FloatColumns.sum(d, rows, c, row, columnSums);
            RowMajorCopy.write(columnSums, biasGrad);
        }
        return delta;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = super.activate(training, workspaceMgr);
        output = training && leanPathApplies() ? out : null;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (output == null || !leanPathApplies()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        Gradient gradient = new DefaultGradient();
        INDArray biasGrad = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray delta = deltaInJava(output, epsilon, biasGrad);
        if (delta == null) {
            delta = delta(output, epsilon);
            if (biasGrad != null) {
                delta.sum(biasGrad, 0);
            }
        }
        output = null;
        if (biasGrad != null) {
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }

        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);

        INDArray epsilonNext = null;
        if (getIndex() > 0) { // the first layer's input is the data: nobody needs its gradient
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[]{w.size(0), delta.size(0)}, 'f');
            epsilonNext = w.mmuli(delta.transpose(), epsilonNext).transpose();
        }
        weightNoiseParams.clear();
        return new Pair<>(gradient, epsilonNext);
    }
}
