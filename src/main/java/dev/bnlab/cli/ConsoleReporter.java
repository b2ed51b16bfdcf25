package dev.bnlab.cli;

import dev.bnlab.experiment.ExperimentEvent;
import dev.bnlab.experiment.ExperimentListener;
import dev.bnlab.experiment.Progress;
import dev.bnlab.experiment.ProgressTracker;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.RunSpec;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The headless face of the experiment. With one seed it prints the notebook's {@code [epoch, iteration] loss}
 * line every 100 iterations for each run; with several seeds (many runs) only each run's start, epochs and
 * evaluation. A progress bar over all runs, with throughput and ETA, is redrawn in place on a terminal and
 * printed every 10 % otherwise.
 */
public final class ConsoleReporter implements ExperimentListener {
    private static final int LINE_EVERY = 100;
    private static final long BAR_REFRESH_NANOS = 250_000_000L;

    private final PrintStream out;
    private final PrintStream progress;
    private final boolean interactive;
    private final ProgressTracker tracker = new ProgressTracker();
    private List<RunSpec> runs = List.of();
    private int iterationsPerEpoch;
    private boolean lossLines;
    private double[] windowSum;
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
        tracker.onEvent(event);
        if (event instanceof ExperimentEvent.Started s) {
            started(s);
        } else if (event instanceof ExperimentEvent.RunStarted s) {
            if (!lossLines) {
                line(name(s.run()) + "  started");
            }
        } else if (event instanceof ExperimentEvent.IterationScored s) {
            scored(s);
        } else if (event instanceof ExperimentEvent.EpochEnded e) {
            line(String.format(Locale.ROOT, "%s  epoch %d done in %.1f s, mean loss %.3f",
                    name(e.run()), e.epoch(), e.seconds(), e.meanScore()));
        } else if (event instanceof ExperimentEvent.RunDiverged d) {
            line(String.format(Locale.ROOT, "%s  DIVERGED: %s; this run stops, the others go on",
                    name(d.run()), d.reason()));
        } else if (event instanceof ExperimentEvent.RunFailed f) {
            line(name(f.run()) + "  FAILED: " + f.message());
        } else if (event instanceof ExperimentEvent.RunEvaluated r) {
            line(String.format(Locale.ROOT, "%s  test accuracy %.2f%% (%,d images, %.1f s)",
                    name(r.run()), 100 * r.accuracy(), r.examples(), r.seconds()));
        } else if (event instanceof ExperimentEvent.Ended) {
            clearBar();
        }
    }

    private void started(ExperimentEvent.Started s) {
        ExperimentSpec spec = s.spec();
        Hyperparameters h = spec.hyperparameters();
        runs = s.runs();
        nameWidth = runs.stream().mapToInt(r -> r.label().length()).max().orElse(0);
        iterationsPerEpoch = h.iterationsPerEpoch();
        lossLines = spec.seeds() == 1;
        windowSum = new double[runs.size()];
        out.printf(Locale.ROOT, "Experiment %s: %d variant%s x %d seed%s = %d runs, %d at a time; the variants of a seed"
                        + " see the same minibatches%n", spec.name(), spec.variants().size(),
                spec.variants().size() == 1 ? "" : "s", spec.seeds(), spec.seeds() == 1 ? "" : "s", runs.size(),
                s.parallelRuns());
        out.printf(Locale.ROOT, "Variants: %s%n", String.join(", ",
                spec.variants().stream().map(v -> v.name()).toList()));
        out.printf(Locale.ROOT, "MLP %s %s, %s init, %s lr %s%s, %d epochs x %,d iterations (batch %d, %,d training"
                        + " images)%s%n", h.architecture(), h.activation().id(), h.weightInit().id(), h.optimizer().id(),
                dev.bnlab.report.NiceScale.label(h.learningRate()),
                h.optimizer() != dev.bnlab.spec.Optimizer.SGD ? " momentum " + dev.bnlab.report.NiceScale.label(h.momentum()) : "",
                h.epochs(), iterationsPerEpoch, h.batchSize(), h.trainExamples(),
                spec.seeds() == 1 ? ", seed " + h.seed() : String.format(Locale.ROOT, ", seeds %d-%d", spec.seed(0),
                        spec.seed(spec.seeds() - 1)));
        out.flush();
    }

    private void scored(ExperimentEvent.IterationScored s) {
        if (lossLines) {
            int inEpoch = s.iteration() - (s.epoch() - 1) * iterationsPerEpoch;
            if (inEpoch == 1) {
                windowSum[s.run()] = 0;
            }
            if (Double.isFinite(s.score())) {
                windowSum[s.run()] += s.score();
            }
            if (inEpoch % LINE_EVERY == 0) {
                line(String.format(Locale.ROOT, "%s  [%d, %5d] loss: %.3f", name(s.run()), s.epoch(), inEpoch,
                        windowSum[s.run()] / LINE_EVERY));
                windowSum[s.run()] = 0;
            }
        }
        maybeDrawProgress();
    }

    private void maybeDrawProgress() {
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastBarNanos < BAR_REFRESH_NANOS) {
                return;
            }
            lastBarNanos = now;
            progress.print("\r" + bar(tracker.snapshot()));
            progress.flush();
            barShown = true;
        } else {
            Progress p = tracker.snapshot();
            int decile = (int) (p.fraction() * 10);
            if (decile > lastDecile && p.done() > 0) {
                lastDecile = decile;
                out.println(bar(p));
                out.flush();
            }
        }
    }

    static String bar(Progress p) {
        int width = 30;
        int filled = (int) Math.round(p.fraction() * width);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  %,d/%,d it%s  %,.0f examples/s  elapsed %s  ETA %s",
                "#".repeat(filled), ".".repeat(width - filled), 100 * p.fraction(), p.done(), p.total(),
                p.runs() > 2 ? String.format(Locale.ROOT, "  runs %d/%d", p.runsEnded(), p.runs()) : "",
                p.examplesPerSecond(), p.elapsedText(), p.etaText());
    }

    private void line(String text) {
        clearBar();
        out.println(text);
        out.flush();
    }

    private void clearBar() {
        if (barShown) {
            progress.print("\r" + " ".repeat(120) + "\r");
            progress.flush();
            barShown = false;
            lastBarNanos = 0;
        }
    }

    private String name(int run) {
        return String.format("%-" + Math.max(1, nameWidth) + "s", runs.get(run).label());
    }
}
