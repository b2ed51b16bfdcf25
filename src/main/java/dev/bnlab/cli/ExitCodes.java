package dev.bnlab.cli;

/** The process exit codes BN Lab uses (also listed in README). */
public final class ExitCodes {
    public static final int OK = 0;
    /** An experiment ended with a failed run. */
    public static final int FAILED = 1;
    /** Bad command line or settings. */
    public static final int USAGE = 2;
    /** MNIST files missing, damaged, or cannot be fetched. */
    public static final int DATA = 3;
    /** The output folder cannot be created or written. */
    public static final int OUTPUT = 4;
    /** Stopped by Ctrl-C / SIGINT (results recorded so far are written). */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (e.g. {@code kill}): the JVM's own 128 + 15; results recorded so far are written. */
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }
}
