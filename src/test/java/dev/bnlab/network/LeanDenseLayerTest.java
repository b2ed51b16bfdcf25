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

/** The lean dense layer computes what DL4J's own DenseLayer computes, first layer and hidden layer alike. */
class LeanDenseLayerTest {

    private static MultiLayerNetwork net(boolean lean) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).updater(new Nesterovs(0.05, 0.9)).weightInit(WeightInit.UNIFORM)
                .list()
                .layer(lean ? LeanDenseLayer.relu(20) : new DenseLayer.Builder().nOut(20).activation(Activation.RELU).build())
                .layer(lean ? new LeanBatchNormalization() : new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().useLogStd(false).build())
                .layer(lean ? LeanDenseLayer.relu(16) : new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(9)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray[] batch(long seed) {
        return SyntheticBatch.of(seed, 32, 9, 4, 1, 0);
    }

    @Test
    void everyGradientMatchesDl4jsOwnLayers() {
        MultiLayerNetwork stock = net(false);
        MultiLayerNetwork lean = net(true);
        assertThat(lean.getLayer(0)).isInstanceOf(LeanDenseLayerImpl.class);
        assertThat(lean.params()).isEqualTo(stock.params());
        INDArray[] b = batch(3);
        for (MultiLayerNetwork n : new MultiLayerNetwork[]{stock, lean}) {
            n.setInput(b[0]);
            n.setLabels(b[1]);
            n.computeGradientAndScore();
        }
        assertThat(lean.score()).isCloseTo(stock.score(), within(1e-12));
        INDArray gs = stock.gradient().gradient();
        INDArray gl = lean.gradient().gradient();
        assertThat(gl.sub(gs).amaxNumber().doubleValue()).isLessThan(1e-10);
        for (int layer : new int[]{0, 2}) { // both dense layers really got a weight gradient
            assertThat(lean.gradient().getGradientFor(layer + "_W").amaxNumber().doubleValue()).isGreaterThan(1e-4);
        }
    }

    @Test
    void trainingStaysOnTheSameTrajectory() {
        MultiLayerNetwork stock = net(false);
        MultiLayerNetwork lean = net(true);
        for (int i = 0; i < 40; i++) {
            INDArray[] b = batch(100 + i);
            stock.fit(b[0], b[1]);
            lean.fit(b[0], b[1]);
            assertThat(lean.score()).isCloseTo(stock.score(), within(1e-9));
        }
        assertThat(lean.params().sub(stock.params()).amaxNumber().doubleValue()).isLessThan(1e-9);
        INDArray[] test = batch(7);
        assertThat(lean.output(test[0], false).sub(stock.output(test[0], false)).amaxNumber().doubleValue()).isLessThan(1e-9);
    }
}
