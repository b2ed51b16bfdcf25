package dev.bnlab.network;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalization of dense activations, trained by a few Java loops instead of ~40 ND4J operations.
 * <p>
 * DL4J 1.0.0-M2.1 runs each BN layer's training step as ~40 small ND4J operations: it recomputes the batch
 * mean and variance in the backward pass, converts a log-std running estimate both ways, and evaluates the
 * gradient term by term. Each operation costs 50-400 µs of fixed overhead here (op objects, native buffers,
 * deallocator references for the garbage collector, reductions along the strided batch dimension) whatever its
 * size, so for batch-64 layers the overhead, not the arithmetic, made the BN network slow. This layer copies
 * the minibatch out of native memory once, does the textbook maths in {@link DenseBatchNormKernel} (batch
 * statistics kept from the forward pass, {@code dx = gamma / (N std) * (N dy - sum(dy) - xHat * sum(dy xHat))}),
 * and copies the results back: four bulk copies per step.
 * <p>
 * Anything other than training a float network on rank-2 input (a double network, inference, CNN or RNN input,
 * locked gamma and beta, a log-std running estimate) is left to DL4J's own code.
 */
public class LeanBatchNormalizationLayer extends BatchNormalization {
    private final DenseBatchNormKernel kernel = new DenseBatchNormKernel();
    private float[] gammaValues;
    private float[] betaValues;
    private float[] featureValues;
    private boolean trainedForward;

    public LeanBatchNormalizationLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c = layerConf();
        if (training != TrainingMode.TRAIN || x.rank() != 2 || c.isLockGammaBeta() || c.isUseLogStd()
                || dataType != DataType.FLOAT) {
            trainedForward = false;
            return super.preOutput(x, training, workspaceMgr);
        }
        if (x.size(1) != c.getNOut()) {
            throw new IllegalArgumentException("input.size(1) does not match expected input size of " + c.getNOut()
                    + " - got input array with shape " + java.util.Arrays.toString(x.shape()));
        }
        int rows = Math.toIntExact(x.size(0));
        int features = Math.toIntExact(x.size(1));
        RowMajorCopy.read(x, kernel.input(rows, features));
        gammaValues = RowMajorCopy.read(getParam(BatchNormalizationParamInitializer.GAMMA), gammaValues);
        betaValues = RowMajorCopy.read(getParam(BatchNormalizationParamInitializer.BETA), betaValues);
        float[] y = kernel.forward(gammaValues, betaValues, c.getEps());
        INDArray activations = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[]{rows, features}, 'c');
        RowMajorCopy.write(y, activations);
        std = null;
        xMu = null;
        xHat = null;
        trainedForward = true;
        return activations;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!trainedForward || epsilon.rank() != 2) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        trainedForward = false;
        org.deeplearning4j.nn.conf.layers.BatchNormalization c = layerConf();
        int features = kernel.features();
        if (epsilon.size(0) != kernel.rows() || epsilon.size(1) != features) {
            throw new IllegalStateException("epsilon has shape " + java.util.Arrays.toString(epsilon.shape())
                    + " but the forward pass had " + kernel.rows() + " x " + features);
        }
        INDArray dGammaView = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
        INDArray dBetaView = gradientViews.get(BatchNormalizationParamInitializer.BETA);
        INDArray dGlobalMeanView = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray dGlobalVarView = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_VAR);

        // running estimates, DL4J's "distributed safe" way: the NoOp updater subtracts these deltas,
        // global <- global - (1 - decay) (global - batch) = decay global + (1 - decay) batch
        double keep = 1 - c.getDecay();
        runningDelta(getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN), kernel.mean(), keep, dGlobalMeanView);
        runningDelta(getParam(BatchNormalizationParamInitializer.GLOBAL_VAR), kernel.variance(), keep, dGlobalVarView);

        RowMajorCopy.read(epsilon, kernel.outputGradient());
        float[] dx = kernel.backward(gammaValues);
        RowMajorCopy.write(kernel.dGamma(), dGammaView);
        RowMajorCopy.write(kernel.dBeta(), dBetaView);
        INDArray next = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[]{kernel.rows(), features}, 'c');
        RowMajorCopy.write(dx, next);

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_MEAN, dGlobalMeanView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_VAR, dGlobalVarView);
        return new Pair<>(gradient, next);
    }

    /** {@code delta = keep * (global - batch)}, written into the gradient view. */
    private void runningDelta(INDArray global, float[] batch, double keep, INDArray deltaView) {
        featureValues = RowMajorCopy.read(global, featureValues);
        float k = (float) keep;
        for (int j = 0; j < kernel.features(); j++) {
            featureValues[j] = k * (featureValues[j] - batch[j]);
        }
        RowMajorCopy.write(featureValues, deltaView);
    }
}
