package dev.bnlab.experiment;

import dev.bnlab.spec.Hyperparameters;

/**
 * Follows an experiment's events and says how far it is ({@link Progress}); the console's progress bar and
 * the window's status bar both read one. Cheap per event; safe to feed from one thread and read from another.
 */
public final class ProgressTracker implements ExperimentListener {
    /** Each run's own hyperparameters (in a sweep, epochs, batch size or examples may differ); null until Started. */
    private Hyperparameters[] perRun;
    private int[] iterations = new int[0];
    private boolean[] ended = new boolean[0];
    private long startNanos;

    @Override
    public synchronized void onEvent(ExperimentEvent event) {
        if (event instanceof ExperimentEvent.Started s) {
            perRun = s.runs().stream().map(dev.bnlab.spec.RunSpec::hyperparameters).toArray(Hyperparameters[]::new);
            iterations = new int[s.runs().size()];
            ended = new boolean[s.runs().size()];
            startNanos = System.nanoTime();
        } else if (event instanceof ExperimentEvent.IterationScored s) {
            iterations[s.run()] = s.iteration();
        } else if (event instanceof ExperimentEvent.RunEnded e) {
            ended[e.result().run().index()] = true;
        }
    }

    /** Whether training has begun. */
    public synchronized boolean started() {
        return perRun != null;
    }

    /** Iterations done by run {@code run} so far. */
    public synchronized int iterations(int run) {
        return run < iterations.length ? iterations[run] : 0;
    }

    public synchronized Progress snapshot() {
        if (perRun == null) {
            return new Progress(0, 0, 0, 0, 0, 0);
        }
        long done = 0;
        long total = 0;
        double examples = 0;
        int runsEnded = 0;
        for (int r = 0; r < iterations.length; r++) {
            int runTotal = perRun[r].totalIterations();
            total += runTotal;
            done += ended[r] ? runTotal : Math.min(runTotal, iterations[r]);
            examples += examplesSeen(perRun[r], iterations[r]);
            runsEnded += ended[r] ? 1 : 0;
        }
        return new Progress(done, total, examples, runsEnded, iterations.length,
                (System.nanoTime() - startNanos) / 1e9);
    }

    /** Training examples read in {@code iterations} iterations; the last batch of an epoch may be short. */
    static double examplesSeen(Hyperparameters h, int iterations) {
        int perEpoch = Math.max(1, h.iterationsPerEpoch());
        int epochsDone = iterations / perEpoch;
        int rest = iterations % perEpoch;
        return (double) epochsDone * h.trainExamples() + Math.min((long) rest * h.batchSize(), h.trainExamples());
    }
}
