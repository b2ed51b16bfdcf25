package dev.bnlab.report;

import dev.bnlab.probe.HiddenLayerProbe;
import dev.bnlab.probe.LayerHealth;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.probe.ProbeSite;
import dev.bnlab.probe.SiteDistribution;
import dev.bnlab.report.chart.BandKind;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.DistributionView;
import dev.bnlab.report.chart.HealthMetric;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.RunSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The probe charts from scripted probe points: no training. */
class ProbeChartsTest {
    private static final ExperimentSpec SPEC = ExperimentSpec.defaults().withSeeds(2); // none, after × 2 seeds
    private static final List<RunSpec> RUNS = SPEC.expand();

    /** A point whose numbers are made from (run, k): accuracy, percentiles and health all known. */
    private static ProbePoint point(int run, int k, boolean bn) {
        float base = run * 10 + k;
        List<SiteDistribution> sites = new ArrayList<>();
        float[] units = new float[4 * 3];
        for (int u = 0; u < 4; u++) {
            units[u * 3] = base + u;
            units[u * 3 + 1] = base + u + 1;
            units[u * 3 + 2] = base + u + 2;
        }
        sites.add(new SiteDistribution(ProbeSite.PRE_ACTIVATION, units, new float[]{-base, 0, base}, 0, 1));
        if (bn) {
            sites.add(new SiteDistribution(ProbeSite.BN_OUTPUT, units, new float[]{-1, 0, 1}, 0, 1));
        }
        List<HiddenLayerProbe> hidden = List.of(new HiddenLayerProbe(1, 4, sites), new HiddenLayerProbe(2, 4, sites));
        List<LayerHealth> health = List.of(new LayerHealth("dense 1", k == 0 ? Double.NaN : -3 - run, k == 0 ? Double.NaN : 2.0, 0.5, 0.25),
                new LayerHealth("relu 1", Double.NaN, Double.NaN, 0.1, 0.2),
                new LayerHealth("output", k == 0 ? Double.NaN : -2.5, k == 0 ? Double.NaN : 1.0, 0.1, 0.3));
        return new ProbePoint(k * 200, 1, 0.1 + 0.2 * k + 0.01 * run, hidden, health);
    }

    private static List<List<ProbePoint>> probes() {
        List<List<ProbePoint>> all = new ArrayList<>();
        for (RunSpec r : RUNS) {
            List<ProbePoint> points = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                points.add(point(r.index(), k, r.variantIndex() == 1));
            }
            all.add(points);
        }
        return all;
    }

    @Test
    void accuracyHasOneBandAndMeanLinePerVariantOverSeedsInPercent() {
        ChartDefinition chart = ProbeCharts.accuracy(SPEC, RUNS, probes(), BandKind.MIN_MAX, false);

        List<ChartDefinition.Band> bands = chart.layers().stream().filter(l -> l instanceof ChartDefinition.Band)
                .map(l -> (ChartDefinition.Band) l).toList();
        List<ChartDefinition.Line> lines = chart.layers().stream().filter(l -> l instanceof ChartDefinition.Line)
                .map(l -> (ChartDefinition.Line) l).toList();
        assertThat(bands).hasSize(2);
        assertThat(lines).hasSize(2);
        // variant 0 = runs 0 (seed 123) and 2 (seed 124): accuracy 0.1 + 0.2k + 0.01 run
        assertThat(lines.get(0).x()).containsExactly(0, 200, 400, 600);
        assertThat(lines.get(0).y(3)).isCloseTo(100 * (0.7 + 0.01), within(1e-4));
        assertThat(bands.get(0).low(3)).isCloseTo(70.0, within(1e-4));
        assertThat(bands.get(0).high(3)).isCloseTo(72.0, within(1e-4));
        assertThat(chart.legend()).extracting(ChartDefinition.LegendEntry::name)
                .containsExactly("without BN (2 seeds)", "BN after activation (2 seeds)");
        assertThat(chart.fixedY().min()).isGreaterThanOrEqualTo(0);
        assertThat(chart.fixedY().max()).isLessThanOrEqualTo(100.5);
        assertThat(chart.footnote()).contains("at 0, 62, 125, 250, then every 500 iterations"); // the notebook: K = 500
    }

    @Test
    void distributionPanelsFollowTheViewAndShareOneYAxis() {
        List<ChartDefinition> unit = ProbeCharts.distributions(SPEC, RUNS, probes(),
                new DistributionView(1, 2, ProbeSite.PRE_ACTIVATION, 3));
        assertThat(unit).hasSize(2);
        assertThat(unit.get(0).fixedY()).isEqualTo(unit.get(1).fixedY());
        // seed index 1 of variant 1 is run 3; unit 3 at k: base + 3 + {0, 1, 2} with base = 30 + k
        ChartDefinition.Line median = (ChartDefinition.Line) unit.get(1).layers().get(3);
        assertThat(median.y()).containsExactly(34, 35, 36, 37);
        ChartDefinition.Band band = (ChartDefinition.Band) unit.get(1).layers().get(0);
        assertThat(band.low(0)).isEqualTo(33);
        assertThat(band.high(0)).isEqualTo(35);

        List<ChartDefinition> pooled = ProbeCharts.distributions(SPEC, RUNS, probes(),
                new DistributionView(0, 1, ProbeSite.PRE_ACTIVATION, DistributionView.POOLED));
        assertThat(((ChartDefinition.Band) pooled.get(0).layers().get(0)).low(2)).isEqualTo(-2); // run 0, k 2

        List<ChartDefinition> bnOut = ProbeCharts.distributions(SPEC, RUNS, probes(),
                new DistributionView(0, 1, ProbeSite.BN_OUTPUT, DistributionView.POOLED));
        assertThat(bnOut.get(0).footnote()).isEqualTo("nothing recorded here for this variant");
        assertThat(((ChartDefinition.Line) bnOut.get(1).layers().get(3)).y()).containsOnly(0);
    }

    @Test
    void healthDrawsOneLinePerLayerThatHasTheSignal() {
        List<ChartDefinition> ratio = ProbeCharts.health(SPEC, RUNS, probes(), HealthMetric.UPDATE_RATIO, 0);
        assertThat(ratio).hasSize(2);
        assertThat(ratio.get(0).legend()).extracting(ChartDefinition.LegendEntry::name).containsExactly("dense 1", "output");
        ChartDefinition.Line dense = (ChartDefinition.Line) ratio.get(0).layers().get(0);
        assertThat(dense.y(0)).isNaN(); // nothing trained before iteration 0
        assertThat(dense.y(1)).isEqualTo(-3);
        assertThat(ratio.get(0).fixedY()).isEqualTo(ratio.get(1).fixedY());

        List<ChartDefinition> std = ProbeCharts.health(SPEC, RUNS, probes(), HealthMetric.ACTIVATION_STD, 0);
        assertThat(std.get(0).legend()).extracting(ChartDefinition.LegendEntry::name)
                .containsExactly("dense 1", "relu 1", "output");
        assertThat(ProbeCharts.health(SPEC, RUNS, probes(), HealthMetric.GRADIENT_NORM, 0).get(0).logY()).isTrue();
    }

    @Test
    void figure1IsAccuracyThenOnePanelPerVariantForTheFollowedUnit() {
        List<ChartDefinition> figure = ProbeCharts.figure1(SPEC, RUNS, probes());
        assertThat(figure).extracting(ChartDefinition::title).containsExactly("(a) Accuracy on the probe images",
                "(b) without BN", "(c) BN after activation");
        assertThat(figure.get(1).subtitle()).contains("hidden layer 2").contains("unit 0").contains("seed 123");
    }
}
