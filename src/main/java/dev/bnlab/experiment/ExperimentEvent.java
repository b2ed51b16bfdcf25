package dev.bnlab.experiment;

import java.util.List;

/**
 * What the experiment publishes, in order, to every subscriber. All events are immutable. Runs are
 * numbered by their position in {@link ExperimentConfig#runs()}; iterations count from 1 across epochs.
 */
public sealed interface ExperimentEvent {

    /** Training is about to begin. */
    record Started(ExperimentConfig config, List<String> runNames, int iterationsPerEpoch) implements ExperimentEvent {
    }

    /** One training iteration of one run: the minibatch loss DL4J reports. */
    record IterationScored(int run, int epoch, int iteration, double score) implements ExperimentEvent {
    }

    /** One run finished an epoch; {@code seconds} is that epoch's wall time. */
    record EpochEnded(int run, int epoch, int iteration, double seconds, double meanScore) implements ExperimentEvent {
    }

    /** A run's loss became NaN or infinite: that run stops, the others go on. */
    record RunDiverged(int run, int epoch, int iteration, double score) implements ExperimentEvent {
    }

    /** A run failed with an exception: that run stops, the others go on. */
    record RunFailed(int run, String message) implements ExperimentEvent {
    }

    /** A run was evaluated on the test images. */
    record RunEvaluated(int run, double accuracy, int examples, double seconds) implements ExperimentEvent {
    }

    /** The last event of every experiment: finished, stopped or failed, with everything recorded. */
    sealed interface Ended extends ExperimentEvent {
        ExperimentResult result();
    }

    record Finished(ExperimentResult result) implements Ended {
    }

    record Stopped(ExperimentResult result) implements Ended {
    }

    record Failed(ExperimentResult result, String message) implements Ended {
    }
}
