package dev.bnlab.cli;

import dev.bnlab.experiment.ExperimentEvent;
import dev.bnlab.experiment.ExperimentConfig;
import dev.bnlab.experiment.ExperimentListener;
import dev.bnlab.experiment.Progress;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The headless face of the experiment: the notebook's {@code [epoch, iteration] loss} line every 100
 * iterations for each run, epoch and evaluation lines, and a progress bar with throughput and ETA
 * (redrawn in place on a terminal, a line every 10% otherwise).
 */
public final class ConsoleReporter implements ExperimentListener {
    private static final int LINE_EVERY = 100;
    private static final long BAR_REFRESH_NANOS = 250_000_000L;

    private final PrintStream out;
    private final PrintStream progress;
    private final boolean interactive;
    private List<String> names = List.of();
    private int iterationsPerEpoch;
    private int totalIterations;
    private ExperimentConfig config;
    private double[] windowSum;
    private int[] done;
    private long startNanos;
    private long lastBarNanos;
    private int lastDecile;
    private boolean barShown;
    private int nameWidth;

    public ConsoleReporter(PrintStream out, PrintStream progress, boolean interactive) {
        this.out = out;
        this.progress = progress;
        this.interactive = interactive;
    }

    @Override
    public void onEvent(ExperimentEvent event) {
        if (event instanceof ExperimentEvent.Started s) {
            started(s);
        } else if (event instanceof ExperimentEvent.IterationScored s) {
            scored(s);
        } else if (event instanceof ExperimentEvent.EpochEnded e) {
            line(String.format(Locale.ROOT, "%s  epoch %d done in %.1f s, mean loss %.3f",
                    pad(names.get(e.run())), e.epoch(), e.seconds(), e.meanScore()));
        } else if (event instanceof ExperimentEvent.RunDiverged d) {
            line(String.format(Locale.ROOT, "%s  DIVERGED: loss became %s at iteration %d; this run stops, the others go on",
                    pad(names.get(d.run())), d.score(), d.iteration()));
        } else if (event instanceof ExperimentEvent.RunFailed f) {
            line(pad(names.get(f.run())) + "  FAILED: " + f.message());
        } else if (event instanceof ExperimentEvent.RunEvaluated r) {
            line(String.format(Locale.ROOT, "%s  test accuracy %.2f%% (%,d images, %.1f s)",
                    pad(names.get(r.run())), 100 * r.accuracy(), r.examples(), r.seconds()));
        } else if (event instanceof ExperimentEvent.Ended) {
            clearBar();
        }
    }

    private void started(ExperimentEvent.Started s) {
        names = s.runNames();
        nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
        iterationsPerEpoch = s.iterationsPerEpoch();
        totalIterations = s.config().totalIterations();
        config = s.config();
        windowSum = new double[names.size()];
        done = new int[names.size()];
        startNanos = System.nanoTime();
        out.printf(Locale.ROOT, "Training %d runs side by side on the same minibatches: %s%n", names.size(),
                String.join(", ", names));
        out.printf(Locale.ROOT, "%d epochs x %,d iterations (batch %d, %,d training images)%n", config.epochs(),
                iterationsPerEpoch, config.batchSize(), config.trainExamples());
        out.flush();
    }

    private void scored(ExperimentEvent.IterationScored s) {
        int inEpoch = s.iteration() - (s.epoch() - 1) * iterationsPerEpoch;
        done[s.run()] = s.iteration();
        if (inEpoch == 1) {
            windowSum[s.run()] = 0;
        }
        if (Double.isFinite(s.score())) {
            windowSum[s.run()] += s.score();
        }
        if (inEpoch % LINE_EVERY == 0) {
            line(String.format(Locale.ROOT, "%s  [%d, %5d] loss: %.3f", pad(names.get(s.run())), s.epoch(), inEpoch,
                    windowSum[s.run()] / LINE_EVERY));
            windowSum[s.run()] = 0;
        }
        maybeDrawProgress();
    }

    private void maybeDrawProgress() {
        long now = System.nanoTime();
        int slowest = Integer.MAX_VALUE;
        for (int d : done) {
            slowest = Math.min(slowest, d);
        }
        double fraction = totalIterations == 0 ? 1 : Math.min(1.0, (double) slowest / totalIterations);
        if (interactive) {
            if (now - lastBarNanos < BAR_REFRESH_NANOS) {
                return;
            }
            lastBarNanos = now;
            progress.print("\r" + bar(fraction, slowest, now));
            progress.flush();
            barShown = true;
        } else {
            int decile = (int) (fraction * 10);
            if (decile > lastDecile && slowest > 0) {
                lastDecile = decile;
                out.println(bar(fraction, slowest, now));
                out.flush();
            }
        }
    }

    private String bar(double fraction, int iterations, long now) {
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        Progress p = new Progress(config, iterations, (now - startNanos) / 1e9);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  %,d/%,d it  %,.0f examples/s  elapsed %s  ETA %s",
                "#".repeat(filled), ".".repeat(width - filled), 100 * fraction, iterations, totalIterations,
                p.examplesPerSecond(), p.elapsedText(), p.etaText());
    }

    private void line(String text) {
        clearBar();
        out.println(text);
        out.flush();
    }

    private void clearBar() {
        if (barShown) {
            progress.print("\r" + " ".repeat(110) + "\r");
            progress.flush();
            barShown = false;
            lastBarNanos = 0;
        }
    }

    private String pad(String name) {
        return String.format("%-" + Math.max(1, nameWidth) + "s", name);
    }
}
