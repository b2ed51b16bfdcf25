package dev.bnlab.ui.model;

import dev.bnlab.experiment.ExperimentEvent;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunHistory;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.probe.HiddenLayerProbe;
import dev.bnlab.probe.LayerHealth;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.probe.ProbeSite;
import dev.bnlab.probe.SiteDistribution;
import dev.bnlab.report.ProbeCharts;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.DistributionView;
import dev.bnlab.report.chart.HealthMetric;
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

    @Test
    void probePointsArriveByRunWithoutReRenderingAndFeedTheProbeCharts() {
        ExperimentSpec spec = Presets.load("notebook").withSeeds(2); // 512,256; without BN and BN after
        DashboardModel model = new DashboardModel(spec);
        model.preparing(spec);
        List<RunSpec> runs = spec.expand();
        model.apply(new ExperimentEvent.Started(spec, runs, 2));
        assertThat(model.probesOn()).isTrue();
        assertThat(model.hiddenLayers()).containsExactly(1, 2);
        assertThat(model.unitsIn(2)).isEqualTo(256);
        assertThat(model.defaultUnit(2)).isEqualTo(spec.monitoring().probeUnit());
        assertThat(model.probeSites()).containsExactly(ProbeSite.PRE_ACTIVATION, ProbeSite.BN_INPUT, ProbeSite.BN_OUTPUT);
        long version = model.version();

        for (int iteration : new int[]{0, 100}) {
            for (RunSpec r : runs) {
                model.apply(new ExperimentEvent.ProbeRecorded(r.index(), point(iteration, r.variantIndex(), 0.5 + iteration / 1000.0)));
            }
        }
        DashboardModel.ProbeData data = model.probeData();
        model.apply(new ExperimentEvent.ProbeRecorded(0, point(200, 0, 0.9)));

        assertThat(model.version()).as("probe points alone re-render nothing").isEqualTo(version);
        assertThat(model.probeCount()).isEqualTo(2 * runs.size() + 1);
        assertThat(data.probes()).hasSize(runs.size()).allSatisfy(p -> assertThat(p).hasSize(2)); // a copy: 200 came later
        assertThat(data.probes().get(0)).extracting(ProbePoint::iteration).containsExactly(0, 100);
        assertThat(model.probeData().probes().get(0)).extracting(ProbePoint::accuracy).containsExactly(0.5, 0.6, 0.9);

        // the pooled option and a unit draw different values; a site only BN records is empty without BN
        ChartDefinition unit = ProbeCharts.distributions(data.spec(), data.runs(), data.probes(),
                new DistributionView(0, 2, ProbeSite.PRE_ACTIVATION, 1)).get(1);
        ChartDefinition pooled = ProbeCharts.distributions(data.spec(), data.runs(), data.probes(),
                new DistributionView(0, 2, ProbeSite.PRE_ACTIVATION, DistributionView.POOLED)).get(1);
        assertThat(median(unit)).containsExactly(11.0, 11.0);
        assertThat(median(pooled)).containsExactly(-1.0, -1.0);
        List<ChartDefinition> bnOutput = ProbeCharts.distributions(data.spec(), data.runs(), data.probes(),
                new DistributionView(1, 2, ProbeSite.BN_OUTPUT, DistributionView.POOLED));
        assertThat(bnOutput.get(0).yRange().isEmpty()).isTrue();
        assertThat(bnOutput.get(1).yRange().isEmpty()).isFalse();
        assertThat(ProbeCharts.health(data.spec(), data.runs(), data.probes(), HealthMetric.GRADIENT_NORM, 1))
                .allSatisfy(c -> assertThat(c.legend()).extracting(ChartDefinition.LegendEntry::name).contains("output"));

        // a new experiment starts empty, with its own layers and sites
        ExperimentSpec paper = Presets.load("paper-fig1");
        model.preparing(paper);
        model.apply(new ExperimentEvent.Started(paper, paper.expand(), 2));
        assertThat(model.probeCount()).isZero();
        assertThat(model.probeData().probes()).hasSize(2).allSatisfy(p -> assertThat(p).isEmpty());
        assertThat(model.hiddenLayers()).containsExactly(1, 2, 3);
        assertThat(model.probeSites()).containsExactly(ProbeSite.PRE_ACTIVATION, ProbeSite.BN_INPUT);
    }

    @Test
    void withoutProbesTheViewsSayHowToTurnThemOn() {
        ExperimentSpec off = Presets.load("notebook").withMonitoring(Presets.load("notebook").monitoring().withEvalEvery(0));
        DashboardModel model = new DashboardModel(off);

        assertThat(model.probesOn()).isFalse();
        assertThat(model.probesOffText()).contains("Measure every").contains("--eval-every");
        assertThat(model.probeSites()).containsExactly(ProbeSite.PRE_ACTIVATION, ProbeSite.BN_INPUT, ProbeSite.BN_OUTPUT);
    }

    /**
     * A probe point in which, in hidden layer 2, unit u's values have median 10 + u and the pooled median is -1, at
     * the input to the nonlinearity, and (with BN after, variant 1) at BN's input and output.
     */
    private static ProbePoint point(int iteration, int variant, double accuracy) {
        int units = 256;
        float[] perUnit = new float[3 * units];
        for (int u = 0; u < units; u++) {
            perUnit[3 * u] = 9 + u;
            perUnit[3 * u + 1] = 10 + u;
            perUnit[3 * u + 2] = 11 + u;
        }
        float[] pooled = {-2, -1, 0};
        List<SiteDistribution> sites = new ArrayList<>();
        sites.add(new SiteDistribution(ProbeSite.PRE_ACTIVATION, perUnit, pooled, -1, 1));
        if (variant == 1) {
            sites.add(new SiteDistribution(ProbeSite.BN_INPUT, perUnit, pooled, -1, 1));
            sites.add(new SiteDistribution(ProbeSite.BN_OUTPUT, perUnit, pooled, -1, 1));
        }
        List<LayerHealth> health = List.of(new LayerHealth("dense 1", -3, 0.5, 0.1, 1), new LayerHealth("output", -2.5, 0.2, 0, 1));
        return new ProbePoint(iteration, 1, accuracy, List.of(new HiddenLayerProbe(2, units, sites)), health);
    }

    /** The bold line's values: the 50th percentile. */
    private static List<Double> median(ChartDefinition chart) {
        ChartDefinition.Line bold = chart.layers().stream().filter(l -> l instanceof ChartDefinition.Line line
                && line.opacity() == 1.0).map(l -> (ChartDefinition.Line) l).findFirst().orElseThrow();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < bold.size(); i++) {
            values.add(bold.y(i));
        }
        return values;
    }

    @Test
    void aSweepHasOneResultsRowPerVariantAndValue() {
        ExperimentSpec sweep = ExperimentSpec.defaults().withSeeds(2)
                .withSweep(dev.bnlab.spec.Settings.SWEEP.type().parse("learning-rate=0.01,1"));
        DashboardModel model = new DashboardModel(sweep);
        model.preparing(sweep);
        List<RunSpec> runs = sweep.expand();
        model.apply(new ExperimentEvent.Started(sweep, runs, 2));
        for (RunSpec r : runs) { // 0.9 + 0.05 with BN, minus 0.5 at lr 1 without BN
            double acc = 0.9 + 0.05 * r.variantIndex() - (r.sweepIndex() == 1 && r.variantIndex() == 0 ? 0.5 : 0)
                    + 0.01 * r.seedIndex();
            model.apply(new ExperimentEvent.RunEvaluated(r.index(), acc, 10_000, 0.4));
        }
        List<DashboardModel.VariantRow> rows = model.variantRows();
        assertThat(rows).extracting(DashboardModel.VariantRow::name).containsExactly("without BN · lr 0.01",
                "BN after activation · lr 0.01", "without BN · lr 1", "BN after activation · lr 1");
        assertThat(rows.get(2).headline()).startsWith("40.50 %"); // 0.40 and 0.41
        assertThat(rows.get(3).headline()).startsWith("95.50 %");
        assertThat(rows.get(3).detail()).startsWith("2 of 2 seeds evaluated");
    }
}
