package dev.bnlab.network;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
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

    private static MultiLayerNetwork net(BatchNormalization bn) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).dataType(DataType.DOUBLE).updater(new Nesterovs(0.05, 0.9)).weightInit(WeightInit.UNIFORM)
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

    private static INDArray[] batch(long seed) {
        return SyntheticBatch.of(seed, 16, 12, 5, 2, 0.5);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
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

        assertThat(lean.score()).isCloseTo(stock.score(), within(1e-12));
        INDArray gs = stock.gradient().gradient();
        INDArray gl = lean.gradient().gradient();
        assertThat(gl.length()).isEqualTo(gs.length());
        assertThat(maxAbsDiff(gl, gs)).isLessThan(1e-10);
        assertThat(gs.amaxNumber().doubleValue()).isGreaterThan(1e-3); // the comparison is not trivially 0 = 0
    }

    @Test
    void trainingStaysOnTheSameTrajectoryIncludingTheRunningStatistics() {
        MultiLayerNetwork stock = net(new BatchNormalization.Builder().useLogStd(false).build());
        MultiLayerNetwork lean = net(new LeanBatchNormalization());
        for (int i = 0; i < 30; i++) {
            INDArray[] b = batch(i);
            stock.fit(b[0], b[1]);
            lean.fit(b[0], b[1]);
            assertThat(lean.score()).isCloseTo(stock.score(), within(1e-9));
        }
        assertThat(maxAbsDiff(lean.params(), stock.params())).isLessThan(1e-9);
        INDArray runningVar = lean.getLayer(1).getParam("var");
        assertThat(runningVar.minNumber().doubleValue()).isGreaterThan(0); // moved from its initial 1s
        assertThat(maxAbsDiff(runningVar, Nd4j.ones(runningVar.shape()))).isGreaterThan(1e-3);
        INDArray[] test = batch(99);
        assertThat(maxAbsDiff(lean.output(test[0], false), stock.output(test[0], false))).isLessThan(1e-9);
    }
}
