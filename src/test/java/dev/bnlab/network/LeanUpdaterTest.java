package dev.bnlab.network;

import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.Presets;
import org.deeplearning4j.nn.conf.GradientNormalization;
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
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lean updater (no empty regularization pass, Nesterov in Java with the minibatch division folded in) updates
 * exactly as DL4J's, bit for bit, and keeps real regularization and gradient clipping.
 */
class LeanUpdaterTest {

    private static MultiLayerNetwork net(double l2) {
        return net(new NeuralNetConfiguration.Builder().updater(new Nesterovs(0.05, 0.9)).l2(l2));
    }

    private static MultiLayerNetwork net(NeuralNetConfiguration.Builder builder) {
        MultiLayerConfiguration conf = builder
                .seed(7).dataType(DataType.FLOAT)
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

    /** Gives the network a {@link LeanUpdater} and returns it. */
    private static LeanUpdater leanUpdaterOn(MultiLayerNetwork net) {
        LeanUpdater updater = new LeanUpdater(net);
        net.setUpdater(updater);
        return updater;
    }

    /** How many steps each block ran as a Java loop. */
    private static List<Integer> javaSteps(LeanUpdater updater) {
        return updater.getUpdaterBlocks().stream().map(b -> ((LeanUpdater.UnregularizedBlock) b).javaSteps).toList();
    }

    private static void assertBitIdentical(MultiLayerNetwork lean, MultiLayerNetwork dl4j) {
        // INDArray.equals allows 1e-5: compare the floats themselves
        assertThat(lean.params().toFloatVector()).containsExactly(dl4j.params().toFloatVector());
        assertThat(lean.getUpdater().getStateViewArray().toFloatVector())
                .containsExactly(dl4j.getUpdater().getStateViewArray().toFloatVector());
    }

    @Test
    void withoutRegularizationEveryBlockSkipsThePassAndTheStepsAreBitIdentical() {
        MultiLayerNetwork dl4j = net(0);
        MultiLayerNetwork lean = net(0);
        LeanUpdater updater = leanUpdaterOn(lean);
        // dense W+b and BN gamma+beta share Nesterov, BN's running mean+var have no updater, then the output layer
        assertThat(updater.getUpdaterBlocks()).hasSize(3)
                .allSatisfy(b -> assertThat(b).isInstanceOf(LeanUpdater.UnregularizedBlock.class));

        assertThat(updater.divisionInBlocks()).isTrue();

        train(dl4j, lean);

        assertBitIdentical(lean, dl4j);
        // the two Nesterov blocks cut their gradient slice once in 15 steps and ran the Java loop at every
        // step (dividing by the minibatch size themselves); the running statistics' block did nothing
        assertThat(updater.getUpdaterBlocks()).extracting(b -> ((LeanUpdater.UnregularizedBlock) b).slicesCut)
                .containsExactly(1, 0, 1);
        assertThat(javaSteps(updater)).containsExactly(15, 0, 15);
        assertThat(lean.getUpdater().getStateViewArray().amaxNumber().doubleValue()).isGreaterThan(1e-4);
        assertThat(lean.getLayer(1).getParam("mean").amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }

    @Test
    void l2IsStillAppliedWhereAParameterHasIt() {
        MultiLayerNetwork dl4j = net(1e-2);
        MultiLayerNetwork lean = net(1e-2);
        LeanUpdater updater = leanUpdaterOn(lean);
        assertThat(updater.getUpdaterBlocks()).anySatisfy(b -> assertThat(b).isNotInstanceOf(LeanUpdater.UnregularizedBlock.class));
        MultiLayerNetwork unregularized = net(0);

        train(dl4j, lean, unregularized);

        assertThat(updater.divisionInBlocks()).isFalse(); // DL4J's division, then L2, then the update
        assertThat(lean.params().toFloatVector()).containsExactly(dl4j.params().toFloatVector());
        assertThat(lean.params()).isNotEqualTo(unregularized.params());
    }

    /**
     * Adam runs DL4J's own op after the block's division, plain SGD the Java loop; gradient clipping keeps DL4J's
     * division before it.
     */
    @Test
    void otherUpdatersAndGradientClippingStayBitIdentical() {
        MultiLayerNetwork dl4j = net(new NeuralNetConfiguration.Builder().updater(new Adam(1e-3)));
        MultiLayerNetwork lean = net(new NeuralNetConfiguration.Builder().updater(new Adam(1e-3)));
        LeanUpdater updater = leanUpdaterOn(lean);
        assertThat(updater.divisionInBlocks()).isTrue();
        train(dl4j, lean);
        assertBitIdentical(lean, dl4j);
        assertThat(javaSteps(updater)).containsOnly(0);

        MultiLayerNetwork dl4jSgd = net(new NeuralNetConfiguration.Builder().updater(new Sgd(0.3)));
        MultiLayerNetwork leanSgd = net(new NeuralNetConfiguration.Builder().updater(new Sgd(0.3)));
        LeanUpdater sgdUpdater = leanUpdaterOn(leanSgd);
        train(dl4jSgd, leanSgd);
        assertThat(leanSgd.params().toFloatVector()).containsExactly(dl4jSgd.params().toFloatVector());
        assertThat(javaSteps(sgdUpdater)).containsExactly(15, 0, 15);

        NeuralNetConfiguration.Builder clipped = new NeuralNetConfiguration.Builder().updater(new Nesterovs(0.05, 0.9))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(1e-3);
        MultiLayerNetwork dl4jClipped = net(clipped);
        MultiLayerNetwork leanClipped = net(clipped);
        LeanUpdater clippedUpdater = leanUpdaterOn(leanClipped);
        assertThat(clippedUpdater.divisionInBlocks()).isFalse();
        MultiLayerNetwork unclipped = net(0);
        train(dl4jClipped, leanClipped, unclipped);
        assertBitIdentical(leanClipped, dl4jClipped);
        assertThat(javaSteps(clippedUpdater)).containsExactly(15, 0, 15);
        assertThat(leanClipped.params().toFloatVector()).isNotEqualTo(unclipped.params().toFloatVector()); // it clipped
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
