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
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalization of dense activations with the textbook backward pass.
 * <p>
 * DL4J 1.0.0-M2.1 runs each BN layer's training step as ~40 small ND4J operations: it recomputes the batch
 * mean and variance in the backward pass, converts a log-std running estimate both ways, and evaluates the
 * gradient term by term. Each operation costs 10-70 µs of fixed overhead here (op objects, native buffers,
 * deallocator references for the garbage collector) whatever its size, so for batch-64 layers the overhead,
 * not the arithmetic, made the BN network slow. This layer does the same maths in about half the operations:
 * it keeps the batch statistics from the forward pass and computes
 * {@code dx = gamma / (N std) * (N dy - sum(dy) - xHat * sum(dy xHat))} directly.
 * <p>
 * Anything other than training on rank-2 input (inference, CNN or RNN input) is left to DL4J's own code.
 */
public class LeanBatchNormalizationLayer extends BatchNormalization {
    private INDArray batchMean;
    private INDArray batchVar;

    public LeanBatchNormalizationLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c = layerConf();
        if (training != TrainingMode.TRAIN || x.rank() != 2 || c.isLockGammaBeta() || c.isUseLogStd()) {
            batchMean = null;
            batchVar = null;
            return super.preOutput(x, training, workspaceMgr);
        }
        if (x.size(1) != c.getNOut()) {
            throw new IllegalArgumentException("input.size(1) does not match expected input size of " + c.getNOut()
                    + " - got input array with shape " + java.util.Arrays.toString(x.shape()));
        }
        x = x.castTo(dataType);
        INDArray mean = x.mean(0);
        INDArray var = x.var(false, 0);
        std = Transforms.sqrt(workspaceMgr.dup(ArrayType.INPUT, var).addi(c.getEps()), false);
        xMu = workspaceMgr.leverageTo(ArrayType.INPUT, x.subRowVector(mean));
        xHat = workspaceMgr.leverageTo(ArrayType.INPUT, xMu.divRowVector(std));
        INDArray activations = xHat.mulRowVector(getParam(BatchNormalizationParamInitializer.GAMMA))
                .addiRowVector(getParam(BatchNormalizationParamInitializer.BETA));
        activations = workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, activations);
        xHat = xHat.detach();
        xMu = xMu.detach();
        batchMean = mean.detach();
        batchVar = var.detach();
        return activations;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (batchMean == null || epsilon.rank() != 2) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        org.deeplearning4j.nn.conf.layers.BatchNormalization c = layerConf();
        double n = epsilon.size(0);
        INDArray gamma = getParam(BatchNormalizationParamInitializer.GAMMA);
        INDArray dGammaView = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
        INDArray dBetaView = gradientViews.get(BatchNormalizationParamInitializer.BETA);
        INDArray dGlobalMeanView = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray dGlobalVarView = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_VAR);

        INDArray dBeta = epsilon.sum(true, 0);                 // dL/dbeta = sum dy
        INDArray dyXHat = epsilon.mul(xHat);
        INDArray dGamma = dyXHat.sum(true, 0);                 // dL/dgamma = sum dy * xHat
        // dL/dx = gamma / (N std) * (N dy - dBeta - xHat * dGamma)
        INDArray dx = epsilon.mul(n).subiRowVector(dBeta).subi(xHat.mulRowVector(dGamma));
        dx.muliRowVector(gamma.div(std).divi(n));
        dGammaView.assign(dGamma);
        dBetaView.assign(dBeta);

        // running estimates, DL4J's "distributed safe" way: the NoOp updater subtracts these deltas
        double keep = 1 - c.getDecay();
        INDArray globalMean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray globalVar = getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
        Nd4j.getExecutioner().exec(new SubOp(globalMean, batchMean.reshape(globalMean.shape()), dGlobalMeanView));
        dGlobalMeanView.muli(keep);
        Nd4j.getExecutioner().exec(new SubOp(globalVar, batchVar.reshape(globalVar.shape()), dGlobalVarView));
        dGlobalVarView.muli(keep);

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_MEAN, dGlobalMeanView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_VAR, dGlobalVarView);
        INDArray next = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, dx);
        xHat = null;
        xMu = null;
        batchMean = null;
        batchVar = null;
        return new Pair<>(gradient, next);
    }
}
