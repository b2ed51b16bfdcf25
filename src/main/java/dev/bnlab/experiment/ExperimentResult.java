package dev.bnlab.experiment;

import java.time.Instant;
import java.util.List;

/** The outcome of a whole experiment: its config, each run's result and history, and how it ended. */
public record ExperimentResult(ExperimentConfig config, Status status, List<RunResult> runs,
                               List<RunHistory> histories, Instant startedAt, double seconds, String message) {

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
}
