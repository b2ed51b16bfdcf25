package dev.bnlab.network;

import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.HiddenActivation;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.Optimizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** BN Lab's lean training layers and the DL4J layers a saved model names hold a network the same way. */
class PortableNetworkTest {
    private static final Hyperparameters SMALL = ExperimentSpec.defaults().hyperparameters()
            .withHiddenUnits(List.of(16, 8));

    @Test
    void theStockConfigurationIsTheTrainingOneUnderDl4jsOwnLayerNames() {
        assumeFalse(NetworkFactory.stockLayers(), "training uses DL4J's layers already");
        for (BnPlacement placement : BnPlacement.values()) {
            for (HiddenActivation activation : List.of(HiddenActivation.RELU, HiddenActivation.SIGMOID)) {
                for (Optimizer optimizer : List.of(Optimizer.NESTEROV, Optimizer.SGD)) {
                    Hyperparameters h = SMALL.withActivation(activation).withOptimizer(optimizer);
                    String lean = NetworkFactory.configuration(h, placement).toJson();
                    String stock = NetworkFactory.stockConfiguration(h, placement).toJson();

                    assertThat(lean).contains("dev.bnlab.network.LeanDenseLayer");
                    assertThat(stock).doesNotContain("dev.bnlab");
                    assertThat(lean.replace("dev.bnlab.network.LeanDenseLayer",
                                    "org.deeplearning4j.nn.conf.layers.DenseLayer")
                            .replace("dev.bnlab.network.LeanBatchNormalization",
                                    "org.deeplearning4j.nn.conf.layers.BatchNormalization"))
                            .as(placement + ", " + activation + ", " + optimizer).isEqualTo(stock);
                }
            }
        }
    }

    @Test
    void aCopyHoldsTheTrainedParametersAndOptimizerStateInTheSameLayout() {
        for (BnPlacement placement : BnPlacement.values()) {
            for (Optimizer optimizer : List.of(Optimizer.NESTEROV, Optimizer.SGD)) {
                Hyperparameters h = SMALL.withOptimizer(optimizer);
                MultiLayerNetwork trained = NetworkFactory.create(h, placement);
                for (int i = 0; i < 3; i++) {
                    INDArray[] batch = SyntheticBatch.of(i, 32, Hyperparameters.INPUTS, Hyperparameters.CLASSES, 1, 0);
                    trained.fit(new DataSet(batch[0].castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                            batch[1].castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)));
                }

                MultiLayerNetwork copy = PortableNetwork.copyOf(trained, h, placement, 2);

                String what = placement + ", " + optimizer;
                assertThat(copy.getLayerWiseConfigurations().toJson()).doesNotContain("dev.bnlab");
                List<String> layout = PortableNetwork.layout(trained);
                assertThat(layout).as(what).anyMatch(l -> l.startsWith("block params"))
                        .anyMatch(l -> l.startsWith("layer 0 W [784, 16]"));
                assertThat(PortableNetwork.layout(copy)).as(what).isEqualTo(layout);
                assertThat(Arrays.mismatch(copy.params().toFloatVector(), trained.params().toFloatVector()))
                        .as(what).isEqualTo(-1);
                INDArray state = trained.getUpdater().getStateViewArray();
                if (optimizer == Optimizer.SGD) {
                    assertThat(state).as("plain SGD keeps no state").isNull();
                    assertThat(copy.getUpdater().getStateViewArray()).isNull();
                } else {
                    assertThat(Arrays.mismatch(copy.getUpdater().getStateViewArray().toFloatVector(),
                            state.toFloatVector())).as(what).isEqualTo(-1);
                }
                assertThat(copy.getIterationCount()).isEqualTo(3);
                assertThat(copy.getEpochCount()).isEqualTo(2);
            }
        }
    }

    @Test
    void aCopyIntoAnotherShapeIsRefused() {
        MultiLayerNetwork trained = NetworkFactory.create(SMALL, BnPlacement.AFTER);

        assertThatThrownBy(() -> PortableNetwork.copyOf(trained, SMALL.withHiddenUnits(List.of(16)), BnPlacement.AFTER, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("differ in layout");
        assertThatThrownBy(() -> PortableNetwork.copyOf(trained, SMALL, BnPlacement.BEFORE, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("differ in layout");
    }
}
