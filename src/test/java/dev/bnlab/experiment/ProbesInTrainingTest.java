package dev.bnlab.experiment;

import dev.bnlab.data.MnistData;
import dev.bnlab.data.RealMnist;
import dev.bnlab.probe.HiddenLayerProbe;
import dev.bnlab.probe.LayerHealth;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.probe.ProbeSite;
import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Probes during real DL4J training on a slice of the real MNIST files. */
class ProbesInTrainingTest {
    private static MnistData mnist;
    /** 1,000 images in batches of 64: 16 iterations; probes at 0, 5, 10, 15 and 16 (the last). */
    private static final ExperimentSpec SPEC = TestSpecs.slice(1_000, 200, 1)
            .withVariants(List.of(new Variant("plain", BnPlacement.NONE), new Variant("after", BnPlacement.AFTER),
                    new Variant("before", BnPlacement.BEFORE)));

    @BeforeAll
    static void data() throws Exception {
        mnist = RealMnist.data();
    }

    private static ExperimentSpec every(int k) {
        return SPEC.withMonitoring(SPEC.monitoring().withEvalEvery(k).withEvalExamples(300).withProbeUnit(3));
    }

    @Test
    void probesLeaveTrainingBitIdentical() {
        ExperimentRunner off = new ExperimentRunner(every(0), mnist);
        ExperimentResult without = off.run();
        ExperimentRunner on = new ExperimentRunner(every(5), mnist);
        ExperimentResult with = on.run();

        for (int run = 0; run < 3; run++) {
            assertThat(with.histories().get(run).scores()).as("run %d losses", run)
                    .containsExactly(without.histories().get(run).scores());
            assertThat(on.network(run).params()).as("run %d final parameters", run).isEqualTo(off.network(run).params());
            assertThat(on.network(run).getUpdater().getStateViewArray()).as("run %d optimizer state", run)
                    .isEqualTo(off.network(run).getUpdater().getStateViewArray());
            assertThat(with.runs().get(run).testAccuracy()).isEqualTo(without.runs().get(run).testAccuracy());
            assertThat(without.histories().get(run).probes()).isEmpty();
            assertThat(with.runs().get(run).probeSeconds()).isPositive();
        }
    }

    @Test
    void everyRunRecordsTheExpectedSeriesAndPublishesIt() {
        ExperimentRunner runner = new ExperimentRunner(every(5), mnist);
        List<ExperimentEvent> events = Collections.synchronizedList(new ArrayList<>());
        runner.subscribe(events::add);
        ExperimentResult result = runner.run();

        assertThat(every(5).monitoring().pointsFor(16)).isEqualTo(5);
        for (int run = 0; run < 3; run++) {
            List<ProbePoint> points = result.histories().get(run).probes();
            int index = run;
            assertThat(points).extracting(ProbePoint::iteration).containsExactly(0, 5, 10, 15, 16);
            assertThat(events).filteredOn(e -> e instanceof ExperimentEvent.ProbeRecorded p && p.run() == index)
                    .hasSize(5);
            assertThat(points).allSatisfy(p -> assertThat(p.accuracy()).isBetween(0.0, 1.0));
            assertThat(points.get(0).accuracy()).isLessThan(0.3); // untrained: about chance
            assertThat(points.get(4).accuracy()).isGreaterThan(points.get(0).accuracy() + 0.2);
            BnPlacement placement = result.runs().get(run).run().variant().batchNorm();
            for (ProbePoint p : points) {
                assertThat(p.hidden()).extracting(HiddenLayerProbe::units).containsExactly(512, 256);
                for (HiddenLayerProbe h : p.hidden()) {
                    assertThat(h.site(ProbeSite.PRE_ACTIVATION)).isPresent();
                    assertThat(h.site(ProbeSite.BN_OUTPUT).isPresent()).isEqualTo(placement == BnPlacement.AFTER);
                    assertThat(h.site(ProbeSite.BN_INPUT).isPresent()).isEqualTo(placement != BnPlacement.NONE);
                    h.sites().forEach(s -> {
                        assertThat(s.pooled(0)).isLessThanOrEqualTo(s.pooled(1));
                        assertThat(s.pooled(1)).isLessThanOrEqualTo(s.pooled(2));
                        assertThat(s.unit(3, 0)).isLessThanOrEqualTo(s.unit(3, 2));
                    });
                }
                int layers = switch (placement) {
                    case NONE -> 3;
                    case AFTER -> 5;
                    case BEFORE -> 7;
                };
                assertThat(p.health()).hasSize(layers);
                LayerHealth first = p.health().get(0);
                if (p.iteration() == 0) {
                    assertThat(first.updateRatioLog10()).isNaN();
                    assertThat(first.gradientNorm()).isNaN();
                } else {
                    assertThat(first.updateRatioLog10()).isBetween(-7.0, 0.0);
                    assertThat(first.gradientNorm()).isPositive();
                }
                assertThat(first.activationStd()).isPositive();
            }
        }
    }
}
