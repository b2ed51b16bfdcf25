package dev.bnlab.experiment;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NetworkFactoryTest {
    private final ExperimentConfig config = ExperimentConfig.defaults();

    private static List<Layer> layers(MultiLayerConfiguration conf) {
        return conf.getConfs().stream().map(c -> c.getLayer()).toList();
    }

    @Test
    void thePlainNetworkIsDenseDenseOutput() {
        List<Layer> layers = layers(NetworkFactory.configuration(config, new RunSpec("plain", false)));

        assertThat(layers).hasSize(3);
        assertThat(layers).noneMatch(l -> l instanceof BatchNormalization);
        DenseLayer first = (DenseLayer) layers.get(0);
        DenseLayer second = (DenseLayer) layers.get(1);
        assertThat(first.getNIn()).isEqualTo(784);
        assertThat(first.getNOut()).isEqualTo(512);
        assertThat(first.getActivationFn()).isInstanceOf(ActivationReLU.class);
        assertThat(second.getNIn()).isEqualTo(512);
        assertThat(second.getNOut()).isEqualTo(256);
        OutputLayer out = (OutputLayer) layers.get(2);
        assertThat(out.getNOut()).isEqualTo(10);
        assertThat(out.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
        assertThat(out.getLossFn()).isInstanceOf(LossNegativeLogLikelihood.class);
    }

    @Test
    void theBnNetworkHasBatchNormalizationAfterEachHiddenActivation() {
        List<Layer> layers = layers(NetworkFactory.configuration(config, new RunSpec("bn", true)));

        assertThat(layers).extracting(l -> l instanceof BatchNormalization ? "BatchNormalization"
                        : l instanceof DenseLayer ? "DenseLayer" : l.getClass().getSimpleName())
                .containsExactly("DenseLayer", "BatchNormalization", "DenseLayer", "BatchNormalization", "OutputLayer");
        assertThat(layers.get(1)).isInstanceOf(LeanBatchNormalization.class); // DL4J's BN config, trained leaner
        assertThat(layers.get(0)).isInstanceOf(LeanDenseLayer.class);          // DL4J's DenseLayer config, likewise
        assertThat(((BatchNormalization) layers.get(1)).getEps()).isEqualTo(1e-5);
        assertThat(((BatchNormalization) layers.get(1)).getDecay()).isEqualTo(0.9);
        assertThat(((BatchNormalization) layers.get(1)).getNOut()).isEqualTo(512);
        assertThat(((BatchNormalization) layers.get(3)).getNOut()).isEqualTo(256);
    }

    @Test
    void everyTrainableLayerUsesNesterovsWithTheConfiguredRateAndMomentum() {
        ExperimentConfig custom = config.withLearningRate(0.05).withMomentum(0.8);
        for (Layer layer : layers(NetworkFactory.configuration(custom, new RunSpec("bn", true)))) {
            if (layer instanceof BaseLayer base) {
                Nesterovs updater = (Nesterovs) base.getIUpdater();
                assertThat(updater.getLearningRate()).isEqualTo(0.05);
                assertThat(updater.getMomentum()).isEqualTo(0.8);
            }
        }
    }

    @Test
    void weightsAndBiasesStartUniformInPlusMinusOneOverSqrtFanIn() {
        MultiLayerNetwork net = NetworkFactory.create(config, new RunSpec("plain", false));
        assertThat(net.numParams()).isEqualTo(784 * 512 + 512 + 512 * 256 + 256 + 256 * 10 + 10);
        int[] fanIns = {784, 512, 256};
        for (int i = 0; i < 3; i++) {
            double bound = 1 / Math.sqrt(fanIns[i]);
            INDArray w = net.getLayer(i).getParam("W");
            INDArray b = net.getLayer(i).getParam("b");
            assertThat(w.maxNumber().doubleValue()).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
            assertThat(w.minNumber().doubleValue()).isGreaterThanOrEqualTo(-bound).isLessThan(-0.9 * bound);
            assertThat(w.meanNumber().doubleValue()).isCloseTo(0, within(bound / 10));
            assertThat(b.maxNumber().doubleValue()).isLessThanOrEqualTo(bound).isGreaterThan(0);
            assertThat(b.minNumber().doubleValue()).isGreaterThanOrEqualTo(-bound).isLessThan(0);
        }
    }

    @Test
    void theSameSeedGivesTheSameStartingWeights() {
        INDArray a = NetworkFactory.create(config, new RunSpec("bn", true)).params();
        INDArray b = NetworkFactory.create(config, new RunSpec("bn", true)).params();
        INDArray c = NetworkFactory.create(config.withSeed(7), new RunSpec("bn", true)).params();

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void invalidSettingsAreRejectedWithTheirRange() {
        assertThat(config.withEpochs(0).problems()).containsExactly("epochs must be between 1 and 1000 (got 0)");
        assertThat(config.withMomentum(1.0).problems()).singleElement().asString().contains("less than 1");
        assertThat(config.withLearningRate(0).problems()).singleElement().asString().contains("greater than 0");
        assertThat(config.withTrainExamples(50).problems()).singleElement().asString()
                .contains("batch size must be between 1 and 50");
        assertThat(config.withTrainExamples(0).problems()).anyMatch(p -> p.contains("train examples must be between 1 and 60000"));
        assertThat(config.problems()).isEmpty();
    }
}
