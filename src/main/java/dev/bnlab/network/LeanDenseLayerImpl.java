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

    /** dL/dz from dL/dy and the forward output y; overwrites y, which nothing needs any more. */
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
        INDArray delta = delta(output, epsilon);
        output = null;

        Gradient gradient = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGrad, 0);
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
