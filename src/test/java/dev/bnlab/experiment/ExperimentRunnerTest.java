package dev.bnlab.experiment;

import dev.bnlab.data.MnistData;
import dev.bnlab.data.RealMnist;
import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real DL4J training on a slice of the real MNIST files. */
class ExperimentRunnerTest {
    private static MnistData mnist;
    private static final ExperimentSpec SLICE = TestSpecs.slice(2_000, 1_000, 2);

    @BeforeAll
    static void data() throws Exception {
        mnist = RealMnist.data();
    }

    private static double mean(float[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    @Test
    void bothRunsLearnAndAreEvaluated() {
        ExperimentRunner runner = new ExperimentRunner(SLICE, mnist);
        List<ExperimentEvent> events = Collections.synchronizedList(new ArrayList<>());
        runner.subscribe(events::add);

        ExperimentResult result = runner.run();

        assertThat(result.status()).isEqualTo(ExperimentResult.Status.FINISHED);
        assertThat(events.get(0)).isInstanceOf(ExperimentEvent.Started.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(ExperimentEvent.Finished.class);
        int perRun = SLICE.hyperparameters().totalIterations(); // 32 per epoch x 2
        assertThat(perRun).isEqualTo(64);
        for (int run = 0; run < 2; run++) {
            RunResult r = result.runs().get(run);
            float[] scores = result.histories().get(run).scores();
            int index = run;
            assertThat(events).filteredOn(e -> e instanceof ExperimentEvent.IterationScored s && s.run() == index)
                    .hasSize(perRun);
            assertThat(scores).hasSize(perRun);
            assertThat(result.histories().get(run).epochEnds()).containsExactly(32, 64);
            assertThat(mean(scores, 0, 5)).isGreaterThan(1.5); // ~ln(10) at the start
            assertThat(mean(scores, perRun - 10, perRun)).isLessThan(0.6 * mean(scores, 0, 5));
            assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(r.testAccuracy()).isGreaterThan(0.6); // chance is 0.1
            assertThat(r.trainingSeconds()).isPositive();
        }
        assertThat(result.runs()).extracting(r -> r.run().variant().batchNorm()).containsExactly(BnPlacement.NONE, BnPlacement.AFTER);
        assertThat(events).filteredOn(e -> e instanceof ExperimentEvent.RunStarted).hasSize(2);
        assertThat(events).filteredOn(e -> e instanceof ExperimentEvent.RunEvaluated).hasSize(2);
        assertThat(events).filteredOn(e -> e instanceof ExperimentEvent.RunEnded).hasSize(2);
        assertThat(events).filteredOn(e -> e instanceof ExperimentEvent.EpochEnded).hasSize(4);
    }

    @Test
    void theSameSeedGivesIdenticalHistoriesAndSeedsGiveDistinctOnes() {
        ExperimentSpec config = TestSpecs.slice(1_000, 1_000, 1).withSeeds(2);
        ExperimentResult first = new ExperimentRunner(config, mnist).run();
        ExperimentResult second = new ExperimentRunner(config, mnist, 1).run(); // one lane: order does not matter

        for (int run = 0; run < 4; run++) {
            assertThat(second.histories().get(run).scores()).containsExactly(first.histories().get(run).scores());
            assertThat(second.runs().get(run).testAccuracy()).isEqualTo(first.runs().get(run).testAccuracy());
        }
        // seed 124's runs (2, 3) differ from seed 123's (0, 1)
        assertThat(first.histories().get(2).scores()).isNotEqualTo(first.histories().get(0).scores());
        assertThat(first.histories().get(3).scores()).isNotEqualTo(first.histories().get(1).scores());
        assertThat(first.runs()).extracting(RunResult::seed).containsExactly(123L, 123L, 124L, 124L);
    }

    @Test
    void theVariantsOfOneSeedReceiveIdenticalMinibatchesInTheSameOrder() {
        ExperimentSpec spec = TestSpecs.slice(640, 500, 2).withSeeds(2).withVariants(List.of(
                Variant.of(BnPlacement.NONE), Variant.of(BnPlacement.AFTER), Variant.of(BnPlacement.BEFORE)));
        Map<Long, List<List<Integer>>> batchesBySeed = new ConcurrentHashMap<>();
        TrainingBatches watched = h -> {
            DataSetIterator real = TrainingBatches.mnist(mnist).open(h);
            List<Integer> fingerprints = Collections.synchronizedList(new ArrayList<>());
            batchesBySeed.computeIfAbsent(h.seed(), s -> Collections.synchronizedList(new ArrayList<>())).add(fingerprints);
            DataSetPreProcessor inner = real.getPreProcessor();
            real.setPreProcessor((org.nd4j.linalg.dataset.api.DataSet ds) -> {
                inner.preProcess(ds);
                fingerprints.add(java.util.Arrays.hashCode(ds.getFeatures().data().asFloat())
                        * 31 + java.util.Arrays.hashCode(ds.getLabels().data().asFloat()));
            });
            return real;
        };

        ExperimentResult result = new ExperimentRunner(spec, mnist, 2, watched).run();

        assertThat(result.status()).isEqualTo(ExperimentResult.Status.FINISHED);
        assertThat(batchesBySeed).containsOnlyKeys(123L, 124L);
        for (List<List<Integer>> runs : batchesBySeed.values()) {
            assertThat(runs).hasSize(3); // three variants
            assertThat(runs.get(0)).hasSize(20); // 10 batches x 2 epochs
            assertThat(runs.get(1)).isEqualTo(runs.get(0));
            assertThat(runs.get(2)).isEqualTo(runs.get(0));
            assertThat(runs.get(0).subList(10, 20)).isNotEqualTo(runs.get(0).subList(0, 10)); // reshuffled per epoch
        }
        assertThat(batchesBySeed.get(124L).get(0)).isNotEqualTo(batchesBySeed.get(123L).get(0));
    }

    @Test
    void aRunTrainedBesideOthersLearnsExactlyAsItWouldAlone() {
        ExperimentSpec pair = TestSpecs.slice(1_000, 1_000, 1);
        ExperimentSpec alone = pair.withVariants(List.of(Variant.of(BnPlacement.AFTER)));

        float[] paired = new ExperimentRunner(pair, mnist).run().histories().get(1).scores();
        float[] single = new ExperimentRunner(alone, mnist).run().histories().get(0).scores();

        assertThat(paired).containsExactly(single);
    }

    @Test
    void severalSeedsRunOnTheCoresAndEveryRunEnds() {
        ExperimentSpec spec = TestSpecs.slice(640, 500, 1).withSeeds(3);
        ExperimentRunner runner = new ExperimentRunner(spec, mnist);
        List<ExperimentEvent> events = Collections.synchronizedList(new ArrayList<>());
        runner.subscribe(events::add);

        ExperimentResult result = runner.run();

        assertThat(runner.parallelRuns()).isEqualTo(Math.min(6, Runtime.getRuntime().availableProcessors()));
        assertThat(result.runs()).hasSize(6).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(r.iterations()).isEqualTo(10);
            assertThat(r.testAccuracy()).isGreaterThan(0.3);
        });
        assertThat(result.accuracies(0)).hasSize(3);
        assertThat(events).filteredOn(e -> e instanceof ExperimentEvent.RunEnded).hasSize(6);
        assertThat(((ExperimentEvent.Started) events.get(0)).runs()).hasSize(6);
    }

    @Test
    void stopFromAnotherThreadEndsWithinASecondAndKeepsTheHistory() throws Exception {
        ExperimentSpec spec = TestSpecs.slice(60_000, 1_000, 3).withSeeds(2);
        ExperimentRunner runner = new ExperimentRunner(spec, mnist);
        CountDownLatch fiftyIterations = new CountDownLatch(50);
        List<Integer> scoredAfterStop = Collections.synchronizedList(new ArrayList<>());
        runner.subscribe(e -> {
            if (e instanceof ExperimentEvent.IterationScored s && s.run() == 0) {
                fiftyIterations.countDown();
                if (runner.isStopRequested()) {
                    scoredAfterStop.add(s.iteration());
                }
            }
        });
        CompletableFuture<ExperimentResult> future = runner.start();
        assertThat(fiftyIterations.await(60, TimeUnit.SECONDS)).isTrue();

        long t0 = System.nanoTime();
        runner.stop();
        ExperimentResult result = future.get(5, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(seconds).isLessThan(1.0);
        assertThat(result.status()).isEqualTo(ExperimentResult.Status.STOPPED);
        assertThat(scoredAfterStop.size()).isLessThanOrEqualTo(1); // at most the iteration in flight
        RunResult first = result.runs().get(0);
        assertThat(first.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(first.iterations()).isGreaterThanOrEqualTo(50).isLessThan(spec.hyperparameters().totalIterations());
        assertThat(first.evaluated()).isFalse();
        // the second seed's runs never began
        assertThat(result.runs().subList(2, 4)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
            assertThat(r.iterations()).isZero();
        });
        assertThat(result.histories().get(0).size()).isEqualTo(first.iterations());
        TrainingThreadsEnded.within(1);
    }
}
