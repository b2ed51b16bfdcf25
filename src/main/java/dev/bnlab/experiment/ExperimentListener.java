package dev.bnlab.experiment;

/**
 * A subscriber of the experiment's events. Called on the experiment's own threads, one event at a time
 * (never concurrently), so it must return quickly: a UI hands the event over to its own thread.
 */
@FunctionalInterface
public interface ExperimentListener {
    void onEvent(ExperimentEvent event);
}
