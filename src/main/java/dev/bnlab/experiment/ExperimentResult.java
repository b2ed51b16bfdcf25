package dev.bnlab.experiment;

import dev.bnlab.spec.ExperimentSpec;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of a whole experiment: its spec (so it can be re-run), each run's result and history in the
 * order of {@link ExperimentSpec#expand()}, and how it ended.
 */
public record ExperimentResult(ExperimentSpec spec, Status status, List<RunResult> runs, List<RunHistory> histories,
                               Instant startedAt, double seconds, String message) {

    public enum Status {
        FINISHED, STOPPED, FAILED;

        public String label() {
            return name().toLowerCase();
        }
    }

    public ExperimentResult {
        runs = List.copyOf(runs);
        histories = List.copyOf(histories);
    }

    /** The test accuracy of every seed of variant {@code v} (in a sweep: at value 0), in seed order; NaN where a run was not evaluated. */
    public double[] accuracies(int variant) {
        return accuracies(variant, 0);
    }

    /** The same at value {@code sweepIndex} of the sweep (0 without one). */
    public double[] accuracies(int variant, int sweepIndex) {
        return runs.stream().filter(r -> r.run().variantIndex() == variant && r.run().sweepIndex() == sweepIndex)
                .mapToDouble(RunResult::testAccuracy).toArray();
    }
}
