package dev.bnlab.experiment;

/** Where one run is, or how it ended. */
public enum RunStatus {
    PENDING, RUNNING, EVALUATING, FINISHED, STOPPED, FAILED, DIVERGED;

    public boolean isTerminal() {
        return this == FINISHED || this == STOPPED || this == FAILED || this == DIVERGED;
    }

    /** The word used in files and on screen: finished, stopped, failed, diverged. */
    public String label() {
        return name().toLowerCase();
    }
}
