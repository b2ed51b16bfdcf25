package dev.bnlab.network;

import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.HiddenActivation;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.RunSpec;
import dev.bnlab.spec.WeightInitScheme;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/**
 * Builds a run's network as a DL4J {@link MultiLayerConfiguration}: 784 → per hidden layer, by the variant's
 * BN placement,
 * <ul>
 *   <li>none: Dense(activation)</li>
 *   <li>after (the notebook): Dense(activation) → BatchNormalization</li>
 *   <li>before (the BN paper): Dense(identity, no bias) → BatchNormalization → Activation (BN's β takes the
 *       bias's role)</li>
 * </ul>
 * → Output(10, softmax, negative log-likelihood), trained with Nesterov momentum, classical momentum
 * ({@link ClassicalMomentum}, PyTorch's SGD with momentum) or plain SGD.
 * <p>
 * Paired runs (one seed, several variants) start from the same weights in the layers they share: DL4J draws
 * every weight matrix from one generator seeded with the run's seed, in layer order, and BN and activation
 * layers draw nothing, so the k-th dense layer gets the same weights in every variant; biases are drawn
 * here for every dense layer in order, also for a layer without bias (then discarded), for the same reason.
 */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    public static MultiLayerConfiguration configuration(RunSpec run) {
        return configuration(run.hyperparameters(), run.variant().batchNorm());
    }

    public static MultiLayerConfiguration configuration(Hyperparameters h, BnPlacement placement) {
        return configuration(h, placement, stockLayers());
    }

    /**
     * The same network with DL4J's own dense and BN layer classes, whatever {@code -Dbnlab.stockLayers} says:
     * what a saved model names, so that plain DL4J loads it. Parameters and updater state have the same layout.
     */
    public static MultiLayerConfiguration stockConfiguration(Hyperparameters h, BnPlacement placement) {
        return configuration(h, placement, true);
    }

    private static MultiLayerConfiguration configuration(Hyperparameters h, BnPlacement placement, boolean stock) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(h.seed())
                .dataType(DataType.FLOAT)
                .updater(updater(h))
                // DL4J's UNIFORM is U(-a, a) with a = 1/sqrt(fanIn), as nn.Linear; NORMAL is N(0, 1/fanIn)
                .weightInit(h.weightInit() == WeightInitScheme.GAUSSIAN ? WeightInit.NORMAL : WeightInit.UNIFORM)
                .list();
        Activation activation = activation(h.activation());
        for (int units : h.hiddenUnits()) {
            switch (placement) {
                case NONE -> list.layer(dense(units, activation, true, stock));
                case AFTER -> {
                    list.layer(dense(units, activation, true, stock));
                    list.layer(batchNormalization(stock));
                }
                case BEFORE -> {
                    list.layer(dense(units, Activation.IDENTITY, false, stock));
                    list.layer(batchNormalization(stock));
                    list.layer(new ActivationLayer.Builder().activation(activation).build());
                }
            }
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .nOut(Hyperparameters.CLASSES).activation(Activation.SOFTMAX).build());
        return list.setInputType(InputType.feedForward(Hyperparameters.INPUTS)).build();
    }

    static IUpdater updater(Hyperparameters h) {
        return switch (h.optimizer()) {
            case NESTEROV -> new Nesterovs(h.learningRate(), h.momentum());
            case MOMENTUM -> new ClassicalMomentum(h.learningRate(), h.momentum());
            case SGD -> new Sgd(h.learningRate());
        };
    }

    static Activation activation(HiddenActivation a) {
        return switch (a) {
            case RELU -> Activation.RELU;
            case SIGMOID -> Activation.SIGMOID;
        };
    }

    /** {@code -Dbnlab.stockLayers=true} selects DL4J's own dense and BN layer and updater code, for comparisons. */
    public static boolean stockLayers() {
        return Boolean.getBoolean("bnlab.stockLayers");
    }

    /** A DenseLayer, trained by {@link LeanDenseLayerImpl} where it knows a shorter way (ReLU with bias). */
    static DenseLayer dense(int units, Activation activation, boolean bias, boolean stock) {
        return stock ? new DenseLayer.Builder().nOut(units).activation(activation).hasBias(bias).build()
                : LeanDenseLayer.of(units, activation.getActivationFunction(), bias);
    }

    /** DL4J's BatchNormalization, trained by {@link LeanBatchNormalizationLayer} (same maths, in Java loops). */
    static BatchNormalization batchNormalization(boolean stock) {
        return stock ? new BatchNormalization.Builder().useLogStd(false).build()
                : new LeanBatchNormalization();
    }

    /** An initialised network; the run's seed fixes every weight and bias. */
    public static MultiLayerNetwork create(RunSpec run) {
        return create(run.hyperparameters(), run.variant().batchNorm());
    }

    public static MultiLayerNetwork create(Hyperparameters h, BnPlacement placement) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(h, placement));
        net.init();
        if (!stockLayers()) {
            net.setUpdater(new LeanUpdater(net));
        }
        if (h.weightInit() == WeightInitScheme.UNIFORM) {
            initBiasesLikePyTorch(net, h.seed());
        }
        return net;
    }

    /**
     * DL4J starts biases at 0; nn.Linear draws them from U(-1/√fanIn, 1/√fanIn). Values are drawn for every
     * dense and output layer in order, also where a layer has no bias, so paired variants get equal biases.
     */
    private static void initBiasesLikePyTorch(MultiLayerNetwork net, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < net.getnLayers(); i++) {
            org.deeplearning4j.nn.api.Layer layer = net.getLayer(i);
            if (!(layer.conf().getLayer() instanceof FeedForwardLayer ff)
                    || layer.conf().getLayer() instanceof BatchNormalization) {
                continue;
            }
            double bound = 1.0 / Math.sqrt(ff.getNIn());
            float[] values = new float[(int) ff.getNOut()];
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            INDArray bias = layer.getParam("b");
            if (bias != null) {
                bias.assign(Nd4j.createFromArray(values).reshape(bias.shape()));
            }
        }
    }
}
