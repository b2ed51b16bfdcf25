package dev.bnlab.ui.model;

import dev.bnlab.experiment.ExperimentEvent;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunHistory;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Presets;
import dev.bnlab.spec.RunSpec;
import dev.bnlab.spec.Settings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's state for scripted event streams, without JavaFX and without training. */
class DashboardModelTest {
    private final ExperimentSpec fiveSeeds = Presets.load("notebook").withSeeds(5);

    @Test
    void startsIdleWithTheFormFilledFromTheLaunchSpec() {
        DashboardModel model = new DashboardModel(fiveSeeds);

        assertThat(model.phase()).isEqualTo(DashboardModel.Phase.IDLE);
        assertThat(model.startEnabled()).isTrue();
        assertThat(model.stopEnabled()).isFalse();
        assertThat(model.exportResultsEnabled()).isFalse();
        assertThat(model.form().text(Settings.SEEDS)).isEqualTo("5");
        assertThat(model.form().text(Settings.LEARNING_RATE)).isEqualTo("0.01");
        assertThat(model.variantRows()).extracting(DashboardModel.VariantRow::name)
                .containsExactly("without BN", "BN after activation");
    }

    @Test
    void aScriptedFiveSeedExperimentEndsWithIntervalsAndAVerdict() {
        DashboardModel model = new DashboardModel(fiveSeeds);
        List<RunSpec> runs = fiveSeeds.expand();
        model.preparing(fiveSeeds);
        assertThat(model.phase()).isEqualTo(DashboardModel.Phase.PREPARING);
        assertThat(model.startEnabled()).isFalse();
        assertThat(model.settingsEditable()).isFalse();
        assertThat(model.progressFraction()).isEqualTo(-1); // indeterminate while preparing
        long v0 = model.version();

        model.apply(new ExperimentEvent.Started(fiveSeeds, runs, 2));
        model.apply(new ExperimentEvent.RunStarted(0));
        model.apply(new ExperimentEvent.RunStarted(1));
        model.apply(new ExperimentEvent.IterationScored(0, 1, 1, 2.3));
        assertThat(model.phase()).isEqualTo(DashboardModel.Phase.RUNNING);
        assertThat(model.version()).isGreaterThan(v0);
        assertThat(model.status()).startsWith("Training · 0 of 10 runs done, 2 running · iteration 1/28,140");
        assertThat(model.variantRows().get(0).headline()).isEqualTo("…");
        assertThat(model.variantRows().get(0).detail()).isEqualTo("0 of 5 seeds evaluated · 1 training");

        // accuracies: BN ahead on every seed by 0.3 to 0.5 points
        double[] plain = {0.9700, 0.9690, 0.9710, 0.9705, 0.9695};
        double[] bn = {0.9740, 0.9720, 0.9760, 0.9745, 0.9730};
        List<RunResult> results = new ArrayList<>();
        List<RunHistory> histories = new ArrayList<>();
        for (RunSpec r : runs) {
            double acc = r.variantIndex() == 0 ? plain[r.seedIndex()] : bn[r.seedIndex()];
            model.apply(new ExperimentEvent.RunEvaluated(r.index(), acc, 10_000, 0.4));
            RunResult result = new RunResult(r, RunStatus.FINISHED, acc, 10_000, 0.08, 17.9, 0, 2814, null);
            model.apply(new ExperimentEvent.RunEnded(result));
            results.add(result);
            histories.add(new RunHistory(r.label()));
            if (r.index() == 3) { // two seeds in: a running mean, no verdict yet
                assertThat(model.variantRows().get(0).headline()).isEqualTo("96.95 % ± 0.64");
                assertThat(model.verdicts()).isEmpty();
            }
        }
        ExperimentResult result = new ExperimentResult(fiveSeeds, ExperimentResult.Status.FINISHED, results, histories,
                Instant.now(), 95.0, null);
        model.apply(new ExperimentEvent.Finished(result));

        assertThat(model.phase()).isEqualTo(DashboardModel.Phase.ENDED);
        assertThat(model.startEnabled()).isTrue();
        assertThat(model.exportResultsEnabled()).isTrue();
        assertThat(model.evaluateVisible()).isFalse();
        assertThat(model.progressFraction()).isEqualTo(1.0);
        // mean 0.9700, sd 0.000791, t(0.975, 4) = 2.776: half-width 0.098 points
        assertThat(model.variantRows().get(0).headline()).isEqualTo("97.00 % ± 0.10");
        assertThat(model.variantRows().get(1).headline()).isEqualTo("97.39 % ± 0.19");
        assertThat(model.variantRows().get(0).detail()).startsWith("5 of 5 seeds evaluated · 95 % CI 96.90–97.10 %");
        assertThat(model.verdicts()).singleElement().asString()
                .startsWith("BN after activation is ahead of without BN by 0.39 points over 5 seeds (95 % CI 0.30 to 0.48")
                .contains("significant at the 5 % level");
        assertThat(model.status()).startsWith("Finished after 95.0 s · 10 runs");
    }

    @Test
    void oneSeedShowsEachRunAndGivesNoVerdict() {
        ExperimentSpec spec = Presets.load("notebook");
        DashboardModel model = new DashboardModel(spec);
        model.preparing(spec);
        List<RunSpec> runs = spec.expand();
        model.apply(new ExperimentEvent.Started(spec, runs, 2));
        List<RunResult> results = List.of(
                new RunResult(runs.get(0), RunStatus.FINISHED, 0.9696, 10_000, 0.0802, 34.0, 0, 2814, null),
                new RunResult(runs.get(1), RunStatus.DIVERGED, Double.NaN, 10_000, Double.NaN, 3.0, 0, 120, "loss became NaN"));
        model.apply(new ExperimentEvent.RunDiverged(1, 1, 120, Double.NaN, "loss became NaN at iteration 120"));
        model.apply(new ExperimentEvent.Finished(new ExperimentResult(spec, ExperimentResult.Status.FINISHED, results,
                List.of(new RunHistory("a"), new RunHistory("b")), Instant.now(), 38.5, null)));

        assertThat(model.variantRows().get(0).headline()).isEqualTo("96.96 %");
        assertThat(model.variantRows().get(0).detail()).isEqualTo("finished · final loss 0.0802 · 34.0 s");
        assertThat(model.variantRows().get(1).headline()).isEqualTo("…");
        assertThat(model.variantRows().get(1).detail()).startsWith("diverged at iteration 120");
        assertThat(model.verdicts()).singleElement().asString().contains("has test accuracies for both").contains("no verdict");
    }

    @Test
    void aStopThenEvaluateNowGivesTheStoppedNetworksAccuracies() {
        ExperimentSpec spec = Presets.load("notebook");
        DashboardModel model = new DashboardModel(spec);
        model.preparing(spec);
        List<RunSpec> runs = spec.expand();
        model.apply(new ExperimentEvent.Started(spec, runs, 2));
        model.stopping();
        assertThat(model.phase()).isEqualTo(DashboardModel.Phase.STOPPING);
        assertThat(model.stopEnabled()).isFalse();
        List<RunResult> results = runs.stream().map(r -> new RunResult(r, RunStatus.STOPPED, Double.NaN, 10_000, 0.3,
                5.0, 0, 500, null)).toList();
        model.apply(new ExperimentEvent.Stopped(new ExperimentResult(spec, ExperimentResult.Status.STOPPED, results,
                List.of(new RunHistory("a"), new RunHistory("b")), Instant.now(), 6.0, null)));
        assertThat(model.evaluateVisible()).isTrue();
        assertThat(model.hint()).startsWith("Stopped: the curves are kept.");

        model.evaluating();
        assertThat(model.startEnabled()).as("no Start while the stopped networks are measured").isFalse();
        assertThat(model.settingsEditable()).isFalse();
        model.evaluatedNow(new double[]{0.95, 0.96});

        assertThat(model.startEnabled()).isTrue();
        assertThat(model.variantRows()).extracting(DashboardModel.VariantRow::headline).containsExactly("95.00 %", "96.00 %");
        assertThat(model.result().runs()).extracting(RunResult::testAccuracy).containsExactly(0.95, 0.96); // exported so
        assertThat(model.verdicts()).singleElement().asString().startsWith("One seed: no verdict").contains("by 1.00 points")
                .endsWith("(networks evaluated when stopped)");
    }

    @Test
    void aStopBeforeTrainingAndAFailureToStartEndTheJob() {
        DashboardModel model = new DashboardModel(fiveSeeds);
        model.preparing(fiveSeeds);
        model.cancelledBeforeTraining();
        assertThat(model.phase()).isEqualTo(DashboardModel.Phase.ENDED);
        assertThat(model.status()).startsWith("Stopped before training began");
        assertThat(model.exportResultsEnabled()).isFalse();

        model.preparing(fiveSeeds);
        model.failedToStart("MNIST is missing\nand cannot be fetched");
        assertThat(model.status()).isEqualTo("Could not start: MNIST is missing");
        assertThat(model.startEnabled()).isTrue();
    }

    @Test
    void theFormParsesWithTheCommandLinesRulesAndKeepsUntouchedSettingsExact() {
        SettingsFormModel form = new SettingsFormModel(Presets.load("paper-fig1"));
        form.setText(Settings.EPOCHS, "0");
        form.setText(Settings.MOMENTUM, "abc");

        assertThat(form.parse()).isEmpty();
        assertThat(form.error(Settings.EPOCHS)).isEqualTo("epochs must be between 1 and 1000 (got 0)");
        assertThat(form.error(Settings.MOMENTUM)).isEqualTo("momentum must be a number (got 'abc')");
        assertThat(form.error(Settings.BATCH_SIZE)).isEmpty();

        form.setText(Settings.EPOCHS, "2");
        form.setText(Settings.MOMENTUM, "0.0");
        form.setText(Settings.SEEDS, "5");
        ExperimentSpec spec = form.parse().orElseThrow();
        assertThat(spec.hyperparameters()).isEqualTo(Presets.load("paper-fig1").hyperparameters().withEpochs(2));
        assertThat(spec.seeds()).isEqualTo(5);
        assertThat(spec.variants()).isEqualTo(Presets.load("paper-fig1").variants());
        assertThat(spec.name()).isEqualTo("paper-fig1 (edited)");
        assertThat(form.hasErrors()).isFalse();
    }
}
