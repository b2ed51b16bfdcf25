package dev.bnlab.experiment;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/**
 * Builds the experiment's networks from one config: 784 → Dense ReLU (→ BatchNormalization) per hidden
 * layer → Dense 10 softmax with negative log-likelihood, trained with Nesterov momentum. Weights and
 * biases start like PyTorch's {@code nn.Linear}: uniform in ±1/√fanIn.
 */
public final class NetworkFactory {
    public static final int INPUTS = 28 * 28;
    public static final int CLASSES = 10;

    private NetworkFactory() {
    }

    public static MultiLayerConfiguration configuration(ExperimentConfig config, RunSpec run) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(new Nesterovs(config.learningRate(), config.momentum()))
                .weightInit(WeightInit.UNIFORM) // DL4J's UNIFORM is U(-a, a) with a = 1/sqrt(fanIn), as nn.Linear
                .list();
        for (int units : config.hiddenUnits()) {
            list.layer(dense(units));
            if (run.batchNorm()) {
                list.layer(batchNormalization());
            }
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .nOut(CLASSES).activation(Activation.SOFTMAX).build());
        return list.setInputType(InputType.feedForward(INPUTS)).build();
    }

    /** {@code -Dbnlab.stockLayers=true} selects DL4J's own dense and BN layer code, for comparisons. */
    public static boolean stockLayers() {
        return Boolean.getBoolean("bnlab.stockLayers");
    }

    /** A ReLU DenseLayer, trained by {@link LeanDenseLayerImpl} (the same maths, a third fewer matrix products). */
    static DenseLayer dense(int units) {
        return stockLayers() ? new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build()
                : LeanDenseLayer.relu(units);
    }

    /** DL4J's BatchNormalization, trained by {@link LeanBatchNormalizationLayer} (same maths, half the ND4J ops). */
    static BatchNormalization batchNormalization() {
        return stockLayers() ? new BatchNormalization.Builder().useLogStd(false).build()
                : new LeanBatchNormalization();
    }

    /** An initialised network; the seed fixes weights and biases. */
    public static MultiLayerNetwork create(ExperimentConfig config, RunSpec run) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(config, run));
        net.init();
        initBiasesLikePyTorch(net, config.seed());
        return net;
    }

    /** DL4J starts biases at 0; nn.Linear draws them from U(-1/√fanIn, 1/√fanIn). */
    private static void initBiasesLikePyTorch(MultiLayerNetwork net, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < net.getnLayers(); i++) {
            org.deeplearning4j.nn.api.Layer layer = net.getLayer(i);
            if (!(layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff)
                    || layer.conf().getLayer() instanceof BatchNormalization) {
                continue;
            }
            INDArray bias = layer.getParam("b");
            if (bias == null) {
                continue;
            }
            double bound = 1.0 / Math.sqrt(ff.getNIn());
            float[] values = new float[(int) bias.length()];
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            bias.assign(Nd4j.createFromArray(values).reshape(bias.shape()));
        }
    }
}
