package dev.bnlab.network;

import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.Presets;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;

/** The updater without the empty regularization pass updates exactly as DL4J's, and keeps real regularization. */
class LeanUpdaterTest {

    private static MultiLayerNetwork net(double l2) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Nesterovs(0.05, 0.9)).l2(l2)
                .list()
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(20)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void train(MultiLayerNetwork... nets) {
        for (int i = 0; i < 15; i++) {
            INDArray[] b = SyntheticBatch.of(i, 32, 20, 5, 1.0, 0.2);
            for (MultiLayerNetwork n : nets) {
                n.fit(b[0].castTo(DataType.FLOAT), b[1].castTo(DataType.FLOAT));
            }
        }
    }

    @Test
    void withoutRegularizationEveryBlockSkipsThePassAndTheStepsAreBitIdentical() {
        MultiLayerNetwork dl4j = net(0);
        MultiLayerNetwork lean = net(0);
        LeanUpdater updater = new LeanUpdater(lean);
        lean.setUpdater(updater);
        // dense W+b and BN gamma+beta share Nesterov, BN's running mean+var have no updater, then the output layer
        assertThat(updater.getUpdaterBlocks()).hasSize(3)
                .allSatisfy(b -> assertThat(b).isInstanceOf(LeanUpdater.UnregularizedBlock.class));

        train(dl4j, lean);

        // INDArray.equals allows 1e-5: compare the floats themselves
        assertThat(lean.params().toFloatVector()).containsExactly(dl4j.params().toFloatVector());
        assertThat(lean.getUpdater().getStateViewArray().toFloatVector())
                .containsExactly(dl4j.getUpdater().getStateViewArray().toFloatVector());
        // the two Nesterov blocks cut their gradient slice once in 15 steps; the running statistics' none
        assertThat(updater.getUpdaterBlocks()).extracting(b -> ((LeanUpdater.UnregularizedBlock) b).slicesCut)
                .containsExactly(1, 0, 1);
        assertThat(lean.getUpdater().getStateViewArray().amaxNumber().doubleValue()).isGreaterThan(1e-4);
        assertThat(lean.getLayer(1).getParam("mean").amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }

    @Test
    void l2IsStillAppliedWhereAParameterHasIt() {
        MultiLayerNetwork dl4j = net(1e-2);
        MultiLayerNetwork lean = net(1e-2);
        LeanUpdater updater = new LeanUpdater(lean);
        lean.setUpdater(updater);
        assertThat(updater.getUpdaterBlocks()).anySatisfy(b -> assertThat(b).isNotInstanceOf(LeanUpdater.UnregularizedBlock.class));
        MultiLayerNetwork unregularized = net(0);

        train(dl4j, lean, unregularized);

        assertThat(lean.params().toFloatVector()).containsExactly(dl4j.params().toFloatVector());
        assertThat(lean.params()).isNotEqualTo(unregularized.params());
    }

    @Test
    void bnLabsNetworksUseItUnlessStockLayersAreAsked() {
        Hyperparameters h = Presets.load("notebook").hyperparameters();
        assertThat(NetworkFactory.create(h, BnPlacement.AFTER).getUpdater()).isInstanceOf(LeanUpdater.class);
        System.setProperty("bnlab.stockLayers", "true");
        try {
            MultiLayerNetwork stock = NetworkFactory.create(h, BnPlacement.AFTER);
            assertThat(stock.getUpdater()).isInstanceOf(MultiLayerUpdater.class).isNotInstanceOf(LeanUpdater.class);
            assertThat(((MultiLayerUpdater) stock.getUpdater()).getUpdaterBlocks())
                    .allSatisfy(b -> assertThat(b.getClass()).isEqualTo(UpdaterBlock.class));
        } finally {
            System.clearProperty("bnlab.stockLayers");
        }
    }
}
