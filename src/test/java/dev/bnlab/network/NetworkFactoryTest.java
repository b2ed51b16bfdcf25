package dev.bnlab.network;

import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.Presets;
import dev.bnlab.spec.RunSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each preset's networks have the layers they promise, and paired variants start from the same weights. */
class NetworkFactoryTest {
    private final Hyperparameters notebook = Presets.load("notebook").hyperparameters();
    private final Hyperparameters paper = Presets.load("paper-fig1").hyperparameters();

    private static List<Layer> layers(MultiLayerConfiguration conf) {
        return conf.getConfs().stream().map(c -> c.getLayer()).toList();
    }

    private static List<String> kinds(List<Layer> layers) {
        return layers.stream().map(l -> l instanceof BatchNormalization ? "BN" : l instanceof DenseLayer d
                ? "Dense(" + d.getNOut() + (d.hasBias() ? "" : ", no bias") + ")"
                : l instanceof ActivationLayer a ? "Activation" : l instanceof OutputLayer o ? "Output(" + o.getNOut() + ")"
                : l.getClass().getSimpleName()).toList();
    }

    @Test
    void theNotebooksPlainNetworkIsDenseDenseOutput() {
        List<Layer> layers = layers(NetworkFactory.configuration(notebook, BnPlacement.NONE));

        assertThat(kinds(layers)).containsExactly("Dense(512)", "Dense(256)", "Output(10)");
        DenseLayer first = (DenseLayer) layers.get(0);
        assertThat(first.getNIn()).isEqualTo(784);
        assertThat(first.getActivationFn()).isInstanceOf(ActivationReLU.class);
        assertThat(((DenseLayer) layers.get(1)).getNIn()).isEqualTo(512);
        OutputLayer out = (OutputLayer) layers.get(2);
        assertThat(out.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
        assertThat(out.getLossFn()).isInstanceOf(LossNegativeLogLikelihood.class);
    }

    @Test
    void bnAfterTheActivationFollowsEachReluDenseLayer() {
        List<Layer> layers = layers(NetworkFactory.configuration(notebook, BnPlacement.AFTER));

        assertThat(kinds(layers)).containsExactly("Dense(512)", "BN", "Dense(256)", "BN", "Output(10)");
        assertThat(layers.get(0)).isInstanceOf(LeanDenseLayer.class);          // DL4J's DenseLayer config, trained leaner
        assertThat(layers.get(1)).isInstanceOf(LeanBatchNormalization.class); // DL4J's BN config, likewise
        assertThat(((DenseLayer) layers.get(0)).getActivationFn()).isInstanceOf(ActivationReLU.class);
        BatchNormalization bn = (BatchNormalization) layers.get(1);
        assertThat(bn.getEps()).isEqualTo(1e-5);
        assertThat(bn.getDecay()).isEqualTo(0.9);
        assertThat(bn.getNOut()).isEqualTo(512);
        assertThat(((BatchNormalization) layers.get(3)).getNOut()).isEqualTo(256);
    }

    @Test
    void thePapersNetworkHasBnBeforeEachSigmoidAndNoBiasUnderBn() {
        List<Layer> layers = layers(NetworkFactory.configuration(paper, BnPlacement.BEFORE));

        assertThat(kinds(layers)).containsExactly(
                "Dense(100, no bias)", "BN", "Activation",
                "Dense(100, no bias)", "BN", "Activation",
                "Dense(100, no bias)", "BN", "Activation", "Output(10)");
        for (int i = 0; i < 9; i += 3) {
            assertThat(((DenseLayer) layers.get(i)).getActivationFn()).isInstanceOf(ActivationIdentity.class);
            assertThat(((ActivationLayer) layers.get(i + 2)).getActivationFn()).isInstanceOf(ActivationSigmoid.class);
        }
        MultiLayerNetwork net = NetworkFactory.create(paper, BnPlacement.BEFORE);
        assertThat(net.getLayer(0).getParam("b")).isNull();
        assertThat(net.numParams()).isEqualTo(784 * 100 + 2 * 100 * 100 + 100 * 10 + 10 + 3 * 4 * 100); // BN: γ, β, mean, var
        assertThat(kinds(layers(NetworkFactory.configuration(paper, BnPlacement.NONE))))
                .containsExactly("Dense(100)", "Dense(100)", "Dense(100)", "Output(10)");
    }

    @Test
    void theOptimizerIsNesterovOrPlainSgdAsConfigured() {
        for (Layer layer : layers(NetworkFactory.configuration(notebook.withLearningRate(0.05).withMomentum(0.8), BnPlacement.AFTER))) {
            if (layer instanceof BaseLayer base) {
                Nesterovs updater = (Nesterovs) base.getIUpdater();
                assertThat(updater.getLearningRate()).isEqualTo(0.05);
                assertThat(updater.getMomentum()).isEqualTo(0.8);
            }
        }
        for (Layer layer : layers(NetworkFactory.configuration(paper, BnPlacement.BEFORE))) {
            if (layer instanceof BaseLayer base && !(layer instanceof BatchNormalization)) {
                assertThat(base.getIUpdater()).isInstanceOf(Sgd.class);
                assertThat(((Sgd) base.getIUpdater()).getLearningRate()).isEqualTo(paper.learningRate());
            }
        }
    }

    @Test
    void theNotebookMatchPresetBuildsTheNotebooksNetworksWithClassicalMomentum() {
        ExperimentSpec match = Presets.load("notebook-match");
        Hyperparameters h = match.hyperparameters();
        assertThat(match.variants()).extracting(v -> v.batchNorm()).containsExactly(BnPlacement.NONE, BnPlacement.AFTER);

        List<Layer> plain = layers(NetworkFactory.configuration(h, BnPlacement.NONE));
        List<Layer> bn = layers(NetworkFactory.configuration(h, BnPlacement.AFTER));

        assertThat(kinds(plain)).containsExactly("Dense(512)", "Dense(256)", "Output(10)");
        assertThat(kinds(bn)).containsExactly("Dense(512)", "BN", "Dense(256)", "BN", "Output(10)");
        for (List<Layer> net : List.of(plain, bn)) {
            for (Layer layer : net) {
                BaseLayer base = (BaseLayer) layer;
                assertThat(base.getIUpdater()).as("%s", layer).isEqualTo(new ClassicalMomentum(0.01, 0.9));
                if (layer instanceof BatchNormalization b) {
                    // PyTorch's BatchNorm1d defaults: eps 1e-5, momentum 0.1 = 1 - DL4J's decay
                    assertThat(b.getEps()).isEqualTo(1e-5);
                    assertThat(b.getDecay()).isEqualTo(0.9);
                } else if (layer instanceof DenseLayer d) {
                    assertThat(d.getActivationFn()).isInstanceOf(ActivationReLU.class);
                    assertThat(d.getWeightInitFn()).isInstanceOf(org.deeplearning4j.nn.weights.WeightInitUniform.class);
                } else {
                    OutputLayer out = (OutputLayer) layer;
                    assertThat(out.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
                    assertThat(out.getLossFn()).isInstanceOf(LossNegativeLogLikelihood.class); // with softmax: CrossEntropyLoss
                }
            }
        }
        assertThat(h.batchSize()).isEqualTo(64);
        // nn.Linear's initialisation: weights and biases in +-1/sqrt(fan-in); BatchNorm1d's: γ 1, β 0, running 0 and 1
        MultiLayerNetwork net = NetworkFactory.create(h, BnPlacement.AFTER);
        for (int i : new int[]{1, 3}) {
            assertThat(net.getLayer(i).getParam("gamma").minNumber().doubleValue()).isEqualTo(1.0);
            assertThat(net.getLayer(i).getParam("gamma").maxNumber().doubleValue()).isEqualTo(1.0);
            assertThat(net.getLayer(i).getParam("beta").amaxNumber().doubleValue()).isZero();
            assertThat(net.getLayer(i).getParam("mean").amaxNumber().doubleValue()).isZero();
            assertThat(net.getLayer(i).getParam("var").minNumber().doubleValue()).isEqualTo(1.0);
            assertThat(net.getLayer(i).getParam("var").maxNumber().doubleValue()).isEqualTo(1.0);
        }
        int[] denseLayers = {0, 2, 4};
        int[] fanIns = {784, 512, 256};
        for (int i = 0; i < 3; i++) {
            double bound = 1 / Math.sqrt(fanIns[i]);
            INDArray w = net.getLayer(denseLayers[i]).getParam("W");
            assertThat(w.amaxNumber().doubleValue()).as("W%d", i).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
            INDArray b = net.getLayer(denseLayers[i]).getParam("b"); // 10 draws for the output layer: no lower limit
            assertThat(b.amaxNumber().doubleValue()).as("b%d", i).isLessThanOrEqualTo(bound).isGreaterThan(0);
        }
    }

    @Test
    void uniformInitIsPyTorchsAndGaussianIsNormalOverFanIn() {
        MultiLayerNetwork net = NetworkFactory.create(notebook, BnPlacement.NONE);
        int[] fanIns = {784, 512, 256};
        for (int i = 0; i < 3; i++) {
            double bound = 1 / Math.sqrt(fanIns[i]);
            INDArray w = net.getLayer(i).getParam("W");
            INDArray b = net.getLayer(i).getParam("b");
            assertThat(w.maxNumber().doubleValue()).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
            assertThat(w.minNumber().doubleValue()).isGreaterThanOrEqualTo(-bound).isLessThan(-0.9 * bound);
            assertThat(b.maxNumber().doubleValue()).isLessThanOrEqualTo(bound).isGreaterThan(0);
            assertThat(b.minNumber().doubleValue()).isGreaterThanOrEqualTo(-bound).isLessThan(0);
        }
        MultiLayerNetwork gaussian = NetworkFactory.create(paper, BnPlacement.NONE);
        INDArray w = gaussian.getLayer(0).getParam("W");
        assertThat(w.meanNumber().doubleValue()).isCloseTo(0, within(0.002));
        assertThat(w.stdNumber().doubleValue()).isCloseTo(1 / Math.sqrt(784), within(0.002)); // 78,400 draws
        assertThat(gaussian.getLayer(0).getParam("b").sumNumber().doubleValue()).isZero();
    }

    @Test
    void theVariantsOfOneSeedStartFromTheSameWeightsInTheLayersTheyShare() {
        ExperimentSpec spec = Presets.load("notebook").withVariants(List.of(
                dev.bnlab.spec.Variant.of(BnPlacement.NONE), dev.bnlab.spec.Variant.of(BnPlacement.AFTER),
                dev.bnlab.spec.Variant.of(BnPlacement.BEFORE))).withSeeds(2);
        List<RunSpec> runs = spec.expand();
        for (int seed = 0; seed < 2; seed++) {
            List<MultiLayerNetwork> nets = runs.subList(3 * seed, 3 * seed + 3).stream().map(NetworkFactory::create).toList();
            List<List<org.deeplearning4j.nn.api.Layer>> dense = nets.stream().map(NetworkFactoryTest::denseAndOutput).toList();
            for (int k = 0; k < 3; k++) {
                INDArray w = dense.get(0).get(k).getParam("W");
                INDArray b = dense.get(0).get(k).getParam("b");
                assertThat(dense.get(1).get(k).getParam("W")).as("W%d, BN after", k).isEqualTo(w);
                assertThat(dense.get(2).get(k).getParam("W")).as("W%d, BN before", k).isEqualTo(w);
                assertThat(dense.get(1).get(k).getParam("b")).as("b%d, BN after", k).isEqualTo(b);
            }
            // the output layer's bias too, though BN-before's hidden layers have none
            assertThat(dense.get(2).get(2).getParam("b")).isEqualTo(dense.get(0).get(2).getParam("b"));
        }
        INDArray seed0 = denseAndOutput(NetworkFactory.create(runs.get(0))).get(0).getParam("W");
        INDArray seed1 = denseAndOutput(NetworkFactory.create(runs.get(3))).get(0).getParam("W");
        assertThat(seed1).isNotEqualTo(seed0);
    }

    private static List<org.deeplearning4j.nn.api.Layer> denseAndOutput(MultiLayerNetwork net) {
        return java.util.Arrays.stream(net.getLayers())
                .filter(l -> l.conf().getLayer() instanceof DenseLayer || l.conf().getLayer() instanceof OutputLayer).toList();
    }

    @Test
    void theSameSeedGivesTheSameStartingWeights() {
        INDArray a = NetworkFactory.create(notebook, BnPlacement.AFTER).params();
        INDArray b = NetworkFactory.create(notebook, BnPlacement.AFTER).params();
        INDArray c = NetworkFactory.create(notebook.withSeed(7), BnPlacement.AFTER).params();

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }
}
