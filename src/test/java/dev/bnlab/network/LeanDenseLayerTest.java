package dev.bnlab.network;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The lean dense layer computes what DL4J's own DenseLayer computes, first layer and hidden layer alike, in the
 * three networks BN Lab builds: ReLU with BN after it (the notebook), sigmoid without BN, and a dense layer
 * without bias or activation under BN with the sigmoid after it (the BN paper); in double (DL4J's ops inside
 * the lean layer) and in float (the activation derivative and bias gradient in Java loops).
 */
class LeanDenseLayerTest {

    private static MultiLayerNetwork net(boolean lean, String kind, DataType type) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(type).updater(new Nesterovs(0.05, 0.9)).weightInit(WeightInit.UNIFORM)
                .list();
        for (int units : new int[]{20, 16}) {
            switch (kind) {
                case "relu, BN after" -> {
                    list.layer(dense(lean, units, Activation.RELU, true));
                    list.layer(lean ? new LeanBatchNormalization() : new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().useLogStd(false).build());
                }
                case "sigmoid" -> list.layer(dense(lean, units, Activation.SIGMOID, true));
                case "BN before sigmoid" -> {
                    list.layer(dense(lean, units, Activation.IDENTITY, false));
                    list.layer(lean ? new LeanBatchNormalization() : new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().useLogStd(false).build());
                    list.layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().activation(Activation.SIGMOID).build());
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }
        MultiLayerConfiguration conf = list
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(9)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DenseLayer dense(boolean lean, int units, Activation activation, boolean bias) {
        return lean ? LeanDenseLayer.of(units, activation.getActivationFunction(), bias)
                : new DenseLayer.Builder().nOut(units).activation(activation).hasBias(bias).build();
    }

    private static INDArray[] batch(long seed, DataType type) {
        return SyntheticBatch.of(seed, 32, 9, 4, 1, 0, type);
    }

    /** Every kind of network, in double (DL4J's ops inside the lean layer) and in float (the Java loops). */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> kindsAndTypes() {
        return java.util.stream.Stream.of(DataType.DOUBLE, DataType.FLOAT).flatMap(type -> java.util.stream.Stream
                .of("relu, BN after", "sigmoid", "BN before sigmoid")
                .map(kind -> org.junit.jupiter.params.provider.Arguments.of(kind, type)));
    }

    /** Double runs DL4J's ops inside the lean layer (to ~1e-12), float the Java loops (to float rounding). */
    private static double tolerance(DataType type, double scale) {
        return (type == DataType.DOUBLE ? 1e-10 : 1e-5) * Math.max(1.0, scale);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}, {1}")
    @org.junit.jupiter.params.provider.MethodSource("kindsAndTypes")
    void everyGradientMatchesDl4jsOwnLayers(String kind, DataType type) {
        MultiLayerNetwork stock = net(false, kind, type);
        MultiLayerNetwork lean = net(true, kind, type);
        assertThat(lean.getLayer(0)).isInstanceOf(LeanDenseLayerImpl.class);
        assertThat(lean.params()).isEqualTo(stock.params());
        INDArray[] b = batch(3, type);
        for (MultiLayerNetwork n : new MultiLayerNetwork[]{stock, lean}) {
            n.setInput(b[0]);
            n.setLabels(b[1]);
            n.computeGradientAndScore();
        }
        assertThat(lean.score()).isCloseTo(stock.score(), within(tolerance(type, stock.score()) / 100));
        INDArray gs = stock.gradient().gradient();
        INDArray gl = lean.gradient().gradient();
        assertThat(maxAbsDiff(gl, gs)).isLessThan(tolerance(type, gs.amaxNumber().doubleValue()));
        for (org.deeplearning4j.nn.api.Layer layer : lean.getLayers()) { // every dense layer got a weight gradient
            if (layer instanceof LeanDenseLayerImpl) {
                assertThat(lean.gradient().getGradientFor(layer.getIndex() + "_W").amaxNumber().doubleValue()).isGreaterThan(1e-4);
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}, {1}")
    @org.junit.jupiter.params.provider.MethodSource("kindsAndTypes")
    void trainingStaysOnTheSameTrajectory(String kind, DataType type) {
        MultiLayerNetwork stock = net(false, kind, type);
        MultiLayerNetwork lean = net(true, kind, type);
        for (int i = 0; i < 40; i++) {
            INDArray[] b = batch(100 + i, type);
            stock.fit(b[0], b[1]);
            lean.fit(b[0], b[1]);
            assertThat(lean.score()).isCloseTo(stock.score(), within(10 * tolerance(type, stock.score())));
        }
        assertThat(maxAbsDiff(lean.params(), stock.params())).isLessThan(10 * tolerance(type, 0));
        INDArray[] test = batch(7, type);
        assertThat(maxAbsDiff(lean.output(test[0], false), stock.output(test[0], false))).isLessThan(10 * tolerance(type, 0));
    }
}
