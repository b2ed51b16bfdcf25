package dev.bnlab.report;

import dev.bnlab.experiment.RunStatus;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.RunSpec;
import dev.bnlab.spec.Settings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The sweep picture from scripted cells: no training. */
class SweepChartsTest {
    private static final ExperimentSpec SPEC = ExperimentSpec.defaults().withSeeds(3)
            .withSweep(Settings.SWEEP.type().parse("learning-rate=0.01,0.1,1"));

    private static ProbePoint at(int iteration, double accuracy) {
        return new ProbePoint(iteration, 1, accuracy, List.of(), List.of());
    }

    /** Accuracy 0.90 + 0.01 seed for the plain network, 0.95 + 0.01 seed with BN; the plain one diverges at lr 1. */
    private static List<SweepCharts.Cell> cells() {
        List<SweepCharts.Cell> cells = new ArrayList<>();
        for (RunSpec r : SPEC.expand()) {
            boolean bn = r.variantIndex() == 1;
            boolean diverged = !bn && r.sweepIndex() == 2;
            double acc = diverged ? (r.seedIndex() == 0 ? Double.NaN : 0.1) : (bn ? 0.95 : 0.90) + 0.01 * r.seedIndex();
            List<ProbePoint> probes = List.of(at(0, 0.1), at(200, bn ? 0.96 : 0.5), at(400, 0.97));
            cells.add(new SweepCharts.Cell(r, diverged ? RunStatus.DIVERGED : RunStatus.FINISHED, acc, probes));
        }
        return cells;
    }

    @Test
    void accuracyAgainstTheRateHasMeansIntervalsSeedsAndCrossesWhereRunsDiverged() {
        ChartDefinition chart = SweepCharts.of(SPEC, cells()).get(0);

        assertThat(chart.logX()).isTrue();
        ChartDefinition.Line plain = (ChartDefinition.Line) chart.layers().stream()
                .filter(l -> l instanceof ChartDefinition.Line).findFirst().orElseThrow();
        assertThat(plain.x()).containsExactly(0.01, 0.1, 1.0);
        assertThat(plain.y(0)).isCloseTo(91.0, within(1e-9)); // mean of 90, 91, 92
        assertThat(plain.y(2)).isCloseTo(10.0, within(1e-9)); // the two diverged runs that have an accuracy
        ChartDefinition.Band band = (ChartDefinition.Band) chart.layers().get(0);
        // 90, 91, 92: sd 1, t(0.975, 2) = 4.303 -> half-width 4.303 / sqrt(3) = 2.484 (scipy.stats.t.ppf(0.975, 2))
        assertThat(band.high(0) - 91.0).isCloseTo(2.484, within(1e-3));
        List<ChartDefinition.Points> crosses = chart.layers().stream().filter(l -> l instanceof ChartDefinition.Points p
                && p.marker() == ChartDefinition.Marker.CROSS).map(l -> (ChartDefinition.Points) l).toList();
        assertThat(crosses.get(0).y()).containsExactly(0, 10, 10); // NaN drawn at 0
        assertThat(crosses.get(1).size()).isZero();
        assertThat(chart.legend().get(0).note()).isEqualTo("3 diverged (×)");
    }

    @Test
    void iterationsToTheTargetAreTheFirstProbePointAtIt() {
        ChartDefinition chart = SweepCharts.of(SPEC, cells()).get(1);
        List<ChartDefinition.Line> lines = chart.layers().stream().filter(l -> l instanceof ChartDefinition.Line)
                .map(l -> (ChartDefinition.Line) l).toList();
        assertThat(lines.get(0).y()).containsExactly(400, 400, 400);
        assertThat(lines.get(1).y()).containsExactly(200, 200, 200);
        assertThat(SweepCsv.iterationsTo(List.of(at(0, 0.1), at(25, 0.94)), 0.95)).isEqualTo(-1);
    }
}
