package dev.bnlab.spec;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Experiments as data: presets, expansion into paired runs, the settings list. No training. */
class ExperimentSpecTest {

    @Test
    void theDefaultIsTheNotebookPreset() {
        ExperimentSpec spec = ExperimentSpec.defaults();
        Hyperparameters h = spec.hyperparameters();

        assertThat(spec.name()).isEqualTo("notebook");
        assertThat(h.hiddenUnits()).containsExactly(512, 256);
        assertThat(h.activation()).isEqualTo(HiddenActivation.RELU);
        assertThat(h.weightInit()).isEqualTo(WeightInitScheme.UNIFORM);
        assertThat(h.optimizer()).isEqualTo(Optimizer.NESTEROV);
        assertThat(h.learningRate()).isEqualTo(0.01);
        assertThat(h.momentum()).isEqualTo(0.9);
        assertThat(h.batchSize()).isEqualTo(64);
        assertThat(h.epochs()).isEqualTo(3);
        assertThat(h.trainExamples()).isEqualTo(60_000);
        assertThat(h.testExamples()).isEqualTo(10_000);
        assertThat(h.seed()).isEqualTo(123);
        assertThat(spec.variants()).extracting(Variant::batchNorm).containsExactly(BnPlacement.NONE, BnPlacement.AFTER);
        assertThat(spec.seeds()).isEqualTo(1);
        assertThat(spec.problems()).isEmpty();
    }

    @Test
    void thePaperPresetIsTheBnPapersMnistSetUp() {
        ExperimentSpec spec = Presets.load("paper-fig1");
        Hyperparameters h = spec.hyperparameters();

        assertThat(h.hiddenUnits()).containsExactly(100, 100, 100);
        assertThat(h.activation()).isEqualTo(HiddenActivation.SIGMOID);
        assertThat(h.weightInit()).isEqualTo(WeightInitScheme.GAUSSIAN);
        assertThat(h.optimizer()).isEqualTo(Optimizer.SGD);
        assertThat(h.batchSize()).isEqualTo(60);
        assertThat(h.totalIterations()).isEqualTo(50_000); // the paper's 50,000 steps
        assertThat(spec.variants()).extracting(Variant::batchNorm).containsExactly(BnPlacement.NONE, BnPlacement.BEFORE);
    }

    @Test
    void theHighLrPresetIsTheNotebookNetworkAtAHigherRate() {
        ExperimentSpec notebook = Presets.load("notebook");
        ExperimentSpec high = Presets.load("high-lr");

        assertThat(high.hyperparameters().learningRate()).isGreaterThanOrEqualTo(10 * notebook.hyperparameters().learningRate());
        assertThat(high.hyperparameters().withLearningRate(0.01)).isEqualTo(notebook.hyperparameters());
        assertThat(high.variants()).isEqualTo(notebook.variants());
    }

    @Test
    void theNotebookMatchPresetIsTheNotebookWithItsClassicalMomentum() {
        ExperimentSpec notebook = Presets.load("notebook");
        ExperimentSpec match = Presets.load("notebook-match");
        Hyperparameters h = match.hyperparameters();

        assertThat(h.optimizer()).isEqualTo(Optimizer.MOMENTUM);
        assertThat(h.learningRate()).isEqualTo(0.01);
        assertThat(h.momentum()).isEqualTo(0.9);
        assertThat(h.batchSize()).isEqualTo(64);
        assertThat(h.hiddenUnits()).containsExactly(512, 256);
        assertThat(h.activation()).isEqualTo(HiddenActivation.RELU);
        assertThat(h.weightInit()).isEqualTo(WeightInitScheme.UNIFORM);
        assertThat(h.epochs()).isEqualTo(3);
        assertThat(h.trainExamples()).isEqualTo(60_000);
        assertThat(h.testExamples()).isEqualTo(10_000);
        // everything else is the notebook preset's
        assertThat(h.withOptimizer(Optimizer.NESTEROV)).isEqualTo(notebook.hyperparameters());
        assertThat(match.variants()).isEqualTo(notebook.variants());
        assertThat(match.monitoring()).isEqualTo(notebook.monitoring());
        assertThat(match.seeds()).isEqualTo(1);
        assertThat(match.sweep().active()).isFalse();
    }

    @Test
    void everyPresetIsValidAndNamedAfterItsFile() {
        for (String name : Presets.NAMES) {
            ExperimentSpec spec = Presets.load(name);
            assertThat(spec.name()).isEqualTo(name);
            assertThat(spec.description()).isNotBlank();
            assertThat(spec.problems()).as(name).isEmpty();
        }
    }

    @Test
    void expansionRunsEveryVariantForEverySeedSeedBySeed() {
        ExperimentSpec spec = ExperimentSpec.defaults().withSeeds(3)
                .withVariants(List.of(Variant.of(BnPlacement.NONE), Variant.of(BnPlacement.AFTER), Variant.of(BnPlacement.BEFORE)));

        List<RunSpec> runs = spec.expand();

        assertThat(runs).hasSize(9);
        assertThat(runs).extracting(RunSpec::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(runs).extracting(RunSpec::seedIndex).containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2);
        assertThat(runs).extracting(RunSpec::variantIndex).containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2);
        assertThat(runs).extracting(RunSpec::seed).containsExactly(123L, 123L, 123L, 124L, 124L, 124L, 125L, 125L, 125L);
        // apart from the seed, every run trains with the experiment's hyperparameters
        assertThat(runs).allSatisfy(r -> assertThat(r.hyperparameters().withSeed(123)).isEqualTo(spec.hyperparameters()));
        assertThat(runs.get(4).label()).isEqualTo("BN after activation · seed 124");
        assertThat(ExperimentSpec.defaults().expand().get(1).label()).isEqualTo("BN after activation");
        assertThat(spec.totalIterations()).isEqualTo(9L * 938 * 3);
    }

    @Test
    void settingsHaveDistinctNamesAndEveryValueSurvivesItsOwnFormat() {
        Set<String> keys = new HashSet<>();
        for (String name : Presets.NAMES) {
            ExperimentSpec spec = Presets.load(name);
            for (Setting<?> s : Settings.ALL) {
                assertThat(s.parseInto(spec, s.format(spec))).as(name + " " + s).isEqualTo(spec);
                keys.add(s.key());
            }
        }
        assertThat(keys).hasSize(Settings.ALL.size());
        assertThat(Settings.byKey("learning-rate")).contains(Settings.LEARNING_RATE);
        assertThat(Settings.LEARNING_RATE.option()).isEqualTo("--learning-rate");
        assertThat(Settings.LEARNING_RATE.jsonPath()).isEqualTo("hyperparameters.learning_rate");
        assertThat(Settings.SEEDS.jsonPath()).isEqualTo("seeds");
    }

    @Test
    void badValuesNameTheSettingAndItsRange() {
        ExperimentSpec spec = ExperimentSpec.defaults();

        assertThat(Settings.EPOCHS.with(spec, 0).problems()).containsExactly("epochs must be between 1 and 1000 (got 0)");
        assertThat(Settings.MOMENTUM.with(spec, 1.0).problems())
                .containsExactly("momentum must be at least 0 and less than 1 (got 1.0)");
        assertThat(Settings.LEARNING_RATE.with(spec, 0.0).problems())
                .containsExactly("learning rate must be greater than 0 and at most 10 (got 0.0)");
        assertThat(Settings.TRAIN_EXAMPLES.with(spec, 50).problems())
                .containsExactly("batch size must be between 1 and 50 (the number of training examples; got 64)");
        assertThat(Settings.HIDDEN_UNITS.with(spec, List.of()).problems()).singleElement().asString()
                .startsWith("hidden layers must be 1 to 10 layers");
        assertThat(Settings.SEEDS.with(spec, 0).problems()).containsExactly("seeds must be between 1 and 100 (got 0)");
        assertThat(Settings.VARIANTS.with(spec, List.of(Variant.of(BnPlacement.NONE), Variant.of(BnPlacement.NONE))).problems())
                .containsExactly("variants must have different names (\"without BN\" appears twice)");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Settings.ACTIVATION.parseInto(spec, "tanh")))
                .hasMessage("activation must be one of relu, sigmoid (got 'tanh')");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Settings.EPOCHS.parseInto(spec, "three")))
                .hasMessage("epochs must be a whole number (got 'three')");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Settings.VARIANTS.parseInto(spec, "none,middle")))
                .hasMessageStartingWith("variants must be BN placements separated by commas");
    }

    @Test
    void aChangedSpecIsNamedAfterItsBaseAndListsTheChanges() {
        ExperimentSpec base = Presets.load("notebook");
        ExperimentSpec edited = Settings.SEEDS.with(Settings.EPOCHS.with(base, 5), 10).editedFrom(base);

        assertThat(base.editedFrom(base)).isSameAs(base);
        assertThat(edited.name()).isEqualTo("notebook (edited)");
        assertThat(edited.description()).contains("epochs 3 -> 5").contains("seeds 1 -> 10");
        assertThat(edited.editedFrom(edited).name()).isEqualTo("notebook (edited)");
    }

    @Test
    void theProbeMeasuresBeforeTrainingEveryKIterationsThreeTimesEarlyAndAtTheEnd() {
        Monitoring m = new Monitoring(200, 500, 0);
        List<Integer> at = new java.util.ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            if (m.measuresAt(i)) {
                at.add(i);
            }
        }
        assertThat(at).containsExactly(0, 25, 50, 100, 200, 400, 600, 800, 1000);
        assertThat(m.pointsFor(1000)).isEqualTo(9);
        assertThat(m.pointsFor(1001)).isEqualTo(10); // the last iteration too
        assertThat(m.pointsFor(2814)).isEqualTo(1 + 3 + 14 + 1);
        Monitoring small = new Monitoring(5, 500, 0); // no early points below K = 8
        assertThat(small.pointsFor(16)).isEqualTo(5);
        assertThat(new Monitoring(0, 500, 0).pointsFor(1000)).isZero();
        assertThat(new Monitoring(0, 500, 0).measuresAt(0)).isFalse();
    }

    @Test
    void theFollowedUnitMustExistInTheLastHiddenLayer() {
        ExperimentSpec spec = ExperimentSpec.defaults();
        assertThat(spec.withMonitoring(spec.monitoring().withProbeUnit(255)).problems()).isEmpty();
        assertThat(spec.withMonitoring(spec.monitoring().withProbeUnit(256)).problems())
                .containsExactly("probe unit must be between 0 and 255 (a unit of the last hidden layer, which has 256; got 256)");
    }

    @Test
    void aSweepExpandsToEveryVariantValueAndSeedWithTheVariantsOfOneSeedAndValuePaired() {
        ExperimentSpec spec = ExperimentSpec.defaults().withSeeds(3)
                .withSweep(Settings.SWEEP.type().parse("learning-rate=0.01,0.1,1"));
        List<RunSpec> runs = spec.expand();

        assertThat(spec.runCount()).isEqualTo(2 * 3 * 3);
        assertThat(runs).hasSize(18);
        assertThat(spec.totalIterations()).isEqualTo(18L * 2814);
        for (RunSpec r : runs) {
            assertThat(r.hyperparameters().learningRate()).isEqualTo(List.of(0.01, 0.1, 1.0).get(r.sweepIndex()));
            assertThat(r.seed()).isEqualTo(123 + r.seedIndex());
            assertThat(r.hyperparameters().withLearningRate(0.01).withSeed(123))
                    .isEqualTo(ExperimentSpec.defaults().hyperparameters()); // nothing else changes
        }
        // neighbours: the variants of one seed and value
        assertThat(runs.get(0).variantIndex()).isZero();
        assertThat(runs.get(1).variantIndex()).isOne();
        assertThat(runs.get(1).sweepIndex()).isEqualTo(runs.get(0).sweepIndex());
        assertThat(runs.get(1).seedIndex()).isEqualTo(runs.get(0).seedIndex());
        assertThat(runs.get(3).label()).isEqualTo("BN after activation · lr 0.1 · seed 123");
        assertThat(ExperimentSpec.defaults().expand().get(1).label()).isEqualTo("BN after activation");
    }

    @Test
    void sweepsAreReadFromTextWithALogSpacedShorthandAndCheckedAgainstTheirSetting() {
        ValueType<Sweep> type = Settings.SWEEP.type();
        Sweep log = type.parse("learning-rate=log:0.01:3:6");
        // np.geomspace(0.01, 3, 6) -> [0.01, 0.0313, 0.0979, 0.306, 0.959, 3.0] to 3 significant digits (0.30639 -> 0.306)
        assertThat(log.values()).containsExactly(0.01, 0.0313, 0.0979, 0.306, 0.959, 3.0);
        assertThat(type.format(type.parse("learning_rate=0.01, 0.03,0.1"))).isEqualTo("learning-rate=0.01,0.03,0.1");
        assertThat(type.parse("")).isEqualTo(Sweep.NONE);
        assertThat(type.parse("none")).isEqualTo(Sweep.NONE);
        assertThat(type.parse("batch-size=32,64").label(1)).isEqualTo("batch size 64");

        ExperimentSpec base = ExperimentSpec.defaults();
        assertThat(base.withSweep(type.parse("learning-rate=0.01,0.1")).problems()).isEmpty();
        assertThat(base.withSweep(type.parse("learning-rate=0.01,20")).problems())
                .containsExactly("sweep value 20: learning rate must be greater than 0 and at most 10 (got 20.0)");
        assertThat(base.withSweep(type.parse("learning-rate=0.1")).problems())
                .containsExactly("sweep needs 2 to 12 values (got 1)");
        assertThat(base.withSweep(type.parse("learning-rate=0.1,0.1")).problems()).containsExactly("sweep has 0.1 twice");
        assertThat(base.withSweep(type.parse("activation=1,2")).problems().get(0))
                .startsWith("sweep can vary one of learning-rate, momentum, batch-size, epochs, train-examples");
        assertThatThrownBy(() -> type.parse("learning-rate")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SETTING=V1,V2");
        assertThatThrownBy(() -> type.parse("learning-rate=0.1,abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must list numbers");
    }

    @Test
    void bnIsRefusedAMinibatchOfOneExample() {
        ExperimentSpec notebook = ExperimentSpec.defaults(); // none and BN after
        ExperimentSpec one = notebook.withHyperparameters(notebook.hyperparameters().withBatchSize(1));
        assertThat(one.problemsBySetting()).containsOnlyKeys(Settings.BATCH_SIZE);
        assertThat(one.problems().get(0)).startsWith("batch size must be at least 2 with BN");
        assertThat(one.withVariants(List.of(Variant.of(BnPlacement.NONE))).problems()).isEmpty(); // fine without BN

        ExperimentSpec lastOfOne = notebook.withHyperparameters(notebook.hyperparameters().withTrainExamples(1025));
        assertThat(lastOfOne.problems()).containsExactly("train examples 1025 leave a last minibatch of one example"
                + " with batch size 64, which BN cannot normalise; use 1024 or 1026 (or drop the BN variants)");
        assertThat(notebook.withHyperparameters(notebook.hyperparameters().withTrainExamples(1026)).problems()).isEmpty();
        // a sweep cell that would do it is refused too
        assertThat(notebook.withSweep(Settings.SWEEP.type().parse("batch-size=1,64")).problems().get(0))
                .startsWith("sweep value 1: batch size must be at least 2 with BN");
    }
}
