package dev.bnlab.network;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.Presets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The lean BN layer computes what DL4J's own BatchNormalization computes: outputs, gradients, running stats. */
class LeanBatchNormalizationTest {

    /** A small float network: 12 inputs, 24 ReLU units (not a multiple of the SIMD width), the BN layer, 5 classes. */
    private static MultiLayerNetwork net(BatchNormalization bn) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).dataType(DataType.FLOAT).updater(new Nesterovs(0.05, 0.9)).weightInit(WeightInit.UNIFORM)
                .list()
                .layer(new DenseLayer.Builder().nOut(24).activation(Activation.RELU).build())
                .layer(bn)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(12)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** {features, labels} in float: 17 rows (an odd minibatch), 12 features, 5 classes. */
    private static INDArray[] batch(long seed) {
        return SyntheticBatch.of(seed, 17, 12, 5, 2, 0.5, DataType.FLOAT);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    @Test
    void scoreAndEveryGradientMatchDl4jsOwnLayer() {
        MultiLayerNetwork stock = net(new BatchNormalization.Builder().useLogStd(false).build());
        MultiLayerNetwork lean = net(new LeanBatchNormalization());
        assertThat(lean.getLayer(1)).isInstanceOf(LeanBatchNormalizationLayer.class);
        assertThat(lean.params()).isEqualTo(stock.params());
        INDArray[] b = batch(1);

        for (MultiLayerNetwork n : new MultiLayerNetwork[]{stock, lean}) {
            n.setInput(b[0]);
            n.setLabels(b[1]);
            n.computeGradientAndScore();
        }

        assertThat(lean.score()).isCloseTo(stock.score(), within(1e-5 * stock.score()));
        INDArray gs = stock.gradient().gradient();
        INDArray gl = lean.gradient().gradient();
        assertThat(gl.length()).isEqualTo(gs.length());
        double largest = gs.amaxNumber().doubleValue();
        assertThat(largest).isGreaterThan(1e-3); // the comparison is not trivially 0 = 0
        assertThat(maxAbsDiff(gl, gs)).isLessThan(1e-5 * largest);
    }

    @Test
    void trainingStaysOnTheSameTrajectoryIncludingTheRunningStatistics() {
        MultiLayerNetwork stock = net(new BatchNormalization.Builder().useLogStd(false).build());
        MultiLayerNetwork lean = net(new LeanBatchNormalization());
        for (int i = 0; i < 30; i++) {
            INDArray[] b = batch(i);
            stock.fit(b[0], b[1]);
            lean.fit(b[0], b[1]);
            assertThat(lean.score()).isCloseTo(stock.score(), within(1e-4 * stock.score()));
        }
        for (var e : stock.paramTable().entrySet()) {
            double scale = Math.max(1.0, e.getValue().amaxNumber().doubleValue());
            assertThat(maxAbsDiff(lean.getParam(e.getKey()), e.getValue())).as(e.getKey()).isLessThan(1e-4 * scale);
        }
        INDArray runningVar = lean.getLayer(1).getParam("var");
        assertThat(runningVar.minNumber().doubleValue()).isGreaterThan(0); // moved from its initial 1s
        assertThat(maxAbsDiff(runningVar, Nd4j.ones(DataType.FLOAT, runningVar.shape()))).isGreaterThan(1e-3);
        INDArray[] test = batch(99);
        assertThat(maxAbsDiff(lean.output(test[0], false), stock.output(test[0], false))).isLessThan(1e-4);
    }

    /** The Java loops are float; a double network trains with DL4J's own code, to double precision. */
    @Test
    void aDoubleNetworkIsLeftToDl4jsOwnCode() {
        MultiLayerNetwork[] nets = new MultiLayerNetwork[2];
        BatchNormalization[] layers = {new BatchNormalization.Builder().useLogStd(false).build(), new LeanBatchNormalization()};
        for (int i = 0; i < 2; i++) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                    .seed(42).dataType(DataType.DOUBLE).updater(new Nesterovs(0.05, 0.9)).list()
                    .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                    .layer(layers[i])
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(5)
                            .activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.feedForward(12)).build();
            nets[i] = new MultiLayerNetwork(conf);
            nets[i].init();
            for (int step = 0; step < 3; step++) {
                INDArray[] b = SyntheticBatch.of(step, 17, 12, 5, 2, 0.5);
                nets[i].fit(b[0], b[1]);
            }
        }
        assertThat(nets[1].getLayer(1)).isInstanceOf(LeanBatchNormalizationLayer.class);
        assertThat(nets[1].params().dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(maxAbsDiff(nets[1].params(), nets[0].params())).isLessThan(1e-12);
    }

    /**
     * BN Lab's own networks, in float as they train: the lean layers (BN in Java loops, lean dense) and
     * {@link LeanUpdater}, as {@code NetworkFactory.create} builds them, against
     * the same configuration with DL4J's own layer classes, from the same weights through 20 Nesterov steps
     * on 64-image batches, with DL4J's workspaces on. The notebook's BN-after-ReLU network and the paper's
     * BN-before-sigmoid one (no bias under BN).
     */
    @ParameterizedTest
    @CsvSource({"notebook, AFTER", "paper-fig1, BEFORE"})
    void inFloatBnLabsNetworksTrainAsWithDl4jsOwnLayers(String preset, BnPlacement placement) {
        Hyperparameters h = Presets.load(preset).hyperparameters();
        MultiLayerNetwork lean = NetworkFactory.create(h, placement); // as runs train: lean layers and LeanUpdater
        assertThat(lean.getUpdater()).isInstanceOf(LeanUpdater.class);
        MultiLayerNetwork stock = new MultiLayerNetwork(NetworkFactory.stockConfiguration(h, placement));
        stock.init();
        stock.setParams(lean.params().dup()); // create() also draws PyTorch-like biases for uniform init
        assertThat(lean.getLayer(0)).isInstanceOf(LeanDenseLayerImpl.class);
        assertThat(lean.getLayer(1)).isInstanceOf(LeanBatchNormalizationLayer.class);
        assertThat(lean.params()).isEqualTo(stock.params());
        assertThat(lean.params().dataType()).isEqualTo(DataType.FLOAT);

        INDArray[] first = SyntheticBatch.of(99, 64, 784, 10, 0.4, 0.3);
        for (MultiLayerNetwork n : new MultiLayerNetwork[]{stock, lean}) {
            n.setInput(first[0].castTo(DataType.FLOAT));
            n.setLabels(first[1].castTo(DataType.FLOAT));
            n.computeGradientAndScore();
        }
        INDArray gs = stock.gradient().gradient();
        assertThat(gs.amaxNumber().doubleValue()).isGreaterThan(1e-3);
        assertThat(maxAbsDiff(lean.gradient().gradient(), gs)).isLessThan(1e-5 * gs.amaxNumber().doubleValue());

        // 20 steps, each from the same state: float rounding differs (the Java loops sum row by row, ND4J splits
        // its sums over threads), and over many steps such differences grow chaotically (a ReLU input within
        // 1e-7 of 0 takes the other branch), so each step starts from DL4J's parameters and optimizer state
        INDArray start = stock.params().dup();
        for (int i = 0; i < 20; i++) {
            INDArray[] b = SyntheticBatch.of(100 + i, 64, 784, 10, 0.4, 0.3);
            INDArray x = b[0].castTo(DataType.FLOAT);
            INDArray y = b[1].castTo(DataType.FLOAT);
            stock.fit(x, y);
            lean.fit(x, y);
            assertThat(lean.score()).as("step %d", i).isCloseTo(stock.score(), within(1e-5 * stock.score()));
            for (var e : stock.paramTable().entrySet()) { // weights, biases, gamma, beta, running mean and variance
                INDArray expected = e.getValue();
                double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
                assertThat(maxAbsDiff(lean.getParam(e.getKey()), expected)).as("step %d, %s", i, e.getKey())
                        .isLessThan(1e-5 * scale);
            }
            lean.setParams(stock.params());
            if (stock.getUpdater().getStateViewArray() != null) { // plain SGD (the paper's preset) has no state
                lean.getUpdater().getStateViewArray().assign(stock.getUpdater().getStateViewArray());
            }
        }
        assertThat(maxAbsDiff(stock.params(), start)).isGreaterThan(1e-2); // the steps moved the parameters
        INDArray[] test = SyntheticBatch.of(999, 64, 784, 10, 0.4, 0.3);
        INDArray x = test[0].castTo(DataType.FLOAT);
        assertThat(maxAbsDiff(lean.output(x, false), stock.output(x, false))).isLessThan(1e-5);
        assertThat(maxAbsDiff(lean.output(x, true), stock.output(x, true))).isLessThan(1e-5);
    }

}
