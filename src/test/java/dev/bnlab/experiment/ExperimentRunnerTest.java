package dev.bnlab.experiment;

import dev.bnlab.data.MnistData;
import dev.bnlab.data.RealMnist;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real DL4J training on a slice of the real MNIST files. */
class ExperimentRunnerTest {
    private static MnistData mnist;
    private static final ExperimentConfig SLICE = ExperimentConfig.defaults()
            .withTrainExamples(2_000).withTestExamples(1_000).withEpochs(2);

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
    void bothRunsLearnOnTheSameBatchesAndAreEvaluated() {
        ExperimentRunner runner = new ExperimentRunner(SLICE, mnist);
        List<ExperimentEvent> events = Collections.synchronizedList(new ArrayList<>());
        runner.subscribe(events::add);

        ExperimentResult result = runner.run();

        assertThat(result.status()).isEqualTo(ExperimentResult.Status.FINISHED);
        assertThat(events.get(0)).isInstanceOf(ExperimentEvent.Started.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(ExperimentEvent.Finished.class);
        int perRun = SLICE.totalIterations(); // 32 per epoch x 2
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
        assertThat(result.runs()).extracting(RunResult::batchNorm).containsExactly(false, true);
        assertThat(events).filteredOn(e -> e instanceof ExperimentEvent.RunEvaluated).hasSize(2);
        assertThat(events).filteredOn(e -> e instanceof ExperimentEvent.EpochEnded).hasSize(4);
    }

    @Test
    void theSameSeedGivesIdenticalHistories() {
        ExperimentConfig config = SLICE.withEpochs(1).withTrainExamples(1_000);
        ExperimentResult first = new ExperimentRunner(config, mnist).run();
        ExperimentResult second = new ExperimentRunner(config, mnist).run();
        ExperimentResult otherSeed = new ExperimentRunner(config.withSeed(99), mnist).run();

        for (int run = 0; run < 2; run++) {
            assertThat(second.histories().get(run).scores()).containsExactly(first.histories().get(run).scores());
            assertThat(second.runs().get(run).testAccuracy()).isEqualTo(first.runs().get(run).testAccuracy());
            assertThat(otherSeed.histories().get(run).scores()).isNotEqualTo(first.histories().get(run).scores());
        }
    }

    @Test
    void aRunTrainedInThePairLearnsExactlyAsItWouldAlone() {
        ExperimentConfig pair = SLICE.withEpochs(1).withTrainExamples(1_000);
        ExperimentConfig alone = pair.withRuns(List.of(new RunSpec("with BN", true)));

        float[] paired = new ExperimentRunner(pair, mnist).run().histories().get(1).scores();
        float[] single = new ExperimentRunner(alone, mnist).run().histories().get(0).scores();

        assertThat(paired).containsExactly(single);
    }

    @Test
    void stopFromAnotherThreadEndsWithinASecondAndKeepsTheHistory() throws Exception {
        ExperimentRunner runner = new ExperimentRunner(ExperimentConfig.defaults().withTestExamples(1_000), mnist);
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
        for (RunResult r : result.runs()) {
            assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
            assertThat(r.iterations()).isGreaterThanOrEqualTo(45).isLessThan(ExperimentConfig.defaults().totalIterations());
            assertThat(r.evaluated()).isFalse();
        }
        assertThat(result.histories().get(0).size()).isEqualTo(result.runs().get(0).iterations());
        TrainingThreadsEnded.within(1);
    }
}
