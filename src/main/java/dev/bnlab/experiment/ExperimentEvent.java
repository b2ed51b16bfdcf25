package dev.bnlab.experiment;

import dev.bnlab.probe.ProbePoint;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.RunSpec;

import java.util.List;

/**
 * What the experiment publishes to every subscriber, one event at a time. All events are immutable. Runs are
 * numbered by their position in {@link ExperimentSpec#expand()}; iterations count from 1 across epochs.
 */
public sealed interface ExperimentEvent {

    /** Training is about to begin: every run of the experiment, and how many train at the same time. */
    record Started(ExperimentSpec spec, List<RunSpec> runs, int parallelRuns) implements ExperimentEvent {
        public Started {
            runs = List.copyOf(runs);
        }
    }

    /** A run has begun: its network is built and its first minibatch is on the way. */
    record RunStarted(int run) implements ExperimentEvent {
    }

    /** One training iteration of one run: the minibatch loss DL4J reports. */
    record IterationScored(int run, int epoch, int iteration, double score) implements ExperimentEvent {
    }

    /** The probe measured inside one run's network (every K iterations and at iteration 0). */
    record ProbeRecorded(int run, ProbePoint point) implements ExperimentEvent {
    }

    /** One run finished an epoch; {@code seconds} is that epoch's wall time. */
    record EpochEnded(int run, int epoch, int iteration, double seconds, double meanScore) implements ExperimentEvent {
    }

    /** A run diverged ({@link DivergenceRule}; {@code reason} says how): that run stops, the others go on. */
    record RunDiverged(int run, int epoch, int iteration, double score, String reason) implements ExperimentEvent {
    }

    /** A run failed with an exception: that run stops, the others go on. */
    record RunFailed(int run, String message) implements ExperimentEvent {
    }

    /** A run was evaluated on the test images. */
    record RunEvaluated(int run, double accuracy, int examples, double seconds) implements ExperimentEvent {
    }

    /** A run has ended, however: its result. */
    record RunEnded(RunResult result) implements ExperimentEvent {
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
