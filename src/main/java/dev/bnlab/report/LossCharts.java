package dev.bnlab.report;

import dev.bnlab.analysis.SampleSummary;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunHistory;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.LossChartBuilder;
import dev.bnlab.report.chart.LossChartOptions;
import dev.bnlab.report.chart.VariantCurves;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.RunSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loss chart of an experiment, running or ended: each variant's runs (one per seed) grouped into one
 * {@link VariantCurves}, in the variant's colour, with its test accuracy as the legend's note. The window's
 * live chart and loss.png/loss.svg are drawn from what this returns.
 */
public final class LossCharts {
    private LossCharts() {
    }

    /** An ended experiment's chart, its notes from the results. */
    public static ChartDefinition of(ExperimentResult result, LossChartOptions options) {
        return of(result, options, 0);
    }

    /** An ended experiment's chart at value {@code sweepIndex} of its sweep (0 without one). */
    public static ChartDefinition of(ExperimentResult result, LossChartOptions options, int sweepIndex) {
        List<float[]> scores = result.histories().stream().map(RunHistory::scores).toList();
        double[] accuracies = result.runs().stream().mapToDouble(RunResult::testAccuracy).toArray();
        RunStatus[] statuses = result.runs().stream().map(RunResult::status).toArray(RunStatus[]::new);
        List<RunSpec> runs = result.spec().expand();
        return of(result.spec(), runs, scores, epochEnds(runs, result.histories(), sweepIndex),
                notes(result.spec(), runs, accuracies, statuses, sweepIndex), options, sweepIndex);
    }

    /** A chart from the runs' scores so far; {@code notes} per variant (see {@link #notes}). */
    public static ChartDefinition of(ExperimentSpec spec, List<RunSpec> runs, List<float[]> scores, int[] epochEnds,
                                     List<String> notes, LossChartOptions options) {
        return of(spec, runs, scores, epochEnds, notes, options, 0);
    }

    /** The same for the runs at value {@code sweepIndex} of the sweep; titled by that value. */
    public static ChartDefinition of(ExperimentSpec spec, List<RunSpec> runs, List<float[]> scores, int[] epochEnds,
                                     List<String> notes, LossChartOptions options, int sweepIndex) {
        List<VariantCurves> variants = new ArrayList<>();
        for (int v = 0; v < spec.variants().size(); v++) {
            variants.add(new VariantCurves(spec.variants().get(v).name(), v, seedScores(runs, scores, v, sweepIndex),
                    v < notes.size() ? notes.get(v) : ""));
        }
        String title = spec.sweep().active() ? LossChartBuilder.TITLE + " · " + spec.sweep().label(sweepIndex)
                : LossChartBuilder.TITLE;
        return LossChartBuilder.build(title, subtitle(spec.sweep().apply(spec, sweepIndex)), variants, epochEnds, options);
    }

    /** The losses of variant {@code v}'s seeds at value {@code sweepIndex}, one array per run that has any. */
    public static List<float[]> seedScores(List<RunSpec> runs, List<float[]> scores, int v, int sweepIndex) {
        List<float[]> seeds = new ArrayList<>();
        for (int i : RunSpec.indicesOf(runs, v, sweepIndex)) {
            // a run not begun (or stopped before its first batch) has nothing to draw, nor to count as a seed
            if (i < scores.size() && scores.get(i).length > 0) {
                seeds.add(scores.get(i));
            }
        }
        return seeds;
    }

    /**
     * The epoch ends of the runs at value {@code sweepIndex} of the sweep (0 without one): a sweep over batch
     * size or examples moves the epochs, so each value has its own.
     */
    public static int[] epochEnds(List<RunSpec> runs, List<RunHistory> histories, int sweepIndex) {
        return epochEnds(runs.stream().filter(r -> r.sweepIndex() == sweepIndex && r.index() < histories.size())
                .map(r -> histories.get(r.index())).toList());
    }

    /** The epoch ends of the longest history: the runs at one value of an experiment have the same epochs. */
    public static int[] epochEnds(List<RunHistory> histories) {
        int[] longest = new int[0];
        for (RunHistory h : histories) {
            int[] ends = h.epochEnds();
            if (ends.length > longest.length) {
                longest = ends;
            }
        }
        return longest;
    }

    /**
     * The legend's note per variant: "test accuracy 97.33%" with one seed, "97.31% ± 0.12 (95% CI)" with several
     * ("(95% CI, 3 of 5 seeds)" while runs are still ending), or how its runs ended when none was evaluated.
     */
    public static List<String> notes(ExperimentSpec spec, List<RunSpec> runs, double[] accuracies, RunStatus[] statuses) {
        return notes(spec, runs, accuracies, statuses, 0);
    }

    public static List<String> notes(ExperimentSpec spec, List<RunSpec> runs, double[] accuracies, RunStatus[] statuses,
                                     int sweepIndex) {
        List<String> notes = new ArrayList<>();
        for (int v = 0; v < spec.variants().size(); v++) {
            int[] mine = RunSpec.indicesOf(runs, v, sweepIndex);
            double[] acc = java.util.Arrays.stream(mine).mapToDouble(i -> accuracies[i]).toArray();
            RunStatus last = mine.length == 0 ? RunStatus.PENDING : statuses[mine[mine.length - 1]];
            SampleSummary s = SampleSummary.of(acc);
            if (s.n() == 0) {
                notes.add(last.isTerminal() ? last.label() : "");
            } else if (spec.seeds() == 1) {
                notes.add(String.format(Locale.ROOT, "test accuracy %.2f%%", 100 * s.mean()));
            } else if (s.n() == 1) {
                notes.add(String.format(Locale.ROOT, "%.2f%% (1 of %d seeds)", 100 * s.mean(), acc.length));
            } else if (s.n() == acc.length) { // the legend's name already says how many seeds
                notes.add(String.format(Locale.ROOT, "%.2f%% ± %.2f (95%% CI)", 100 * s.mean(), 100 * s.halfWidth()));
            } else {
                notes.add(String.format(Locale.ROOT, "%.2f%% ± %.2f (95%% CI, %d of %d seeds)", 100 * s.mean(),
                        100 * s.halfWidth(), s.n(), acc.length));
            }
        }
        return notes;
    }

    /** "notebook · MNIST, 60,000 training images · MLP 784-512-256-10 relu · batch 64 · nesterov lr 0.01 ...". */
    public static String subtitle(ExperimentSpec spec) {
        Hyperparameters h = spec.hyperparameters();
        String optimizer = switch (h.optimizer()) {
            case NESTEROV -> "Nesterov lr " + NiceScale.label(h.learningRate()) + ", momentum " + NiceScale.label(h.momentum());
            case MOMENTUM -> "SGD lr " + NiceScale.label(h.learningRate()) + ", momentum " + NiceScale.label(h.momentum());
            case SGD -> "SGD lr " + NiceScale.label(h.learningRate());
        };
        String seeds = spec.seeds() == 1 ? "seed " + h.seed()
                : String.format(Locale.ROOT, "%d seeds (%d-%d)", spec.seeds(), spec.seed(0), spec.seed(spec.seeds() - 1));
        String text = String.format(Locale.ROOT, "%s · MNIST, %,d training images · MLP %s %s, %s init · batch %d · %s · %d epoch%s · %s",
                spec.name(), h.trainExamples(), h.architecture(), h.activation().id(), h.weightInit().id(), h.batchSize(),
                optimizer, h.epochs(), h.epochs() == 1 ? "" : "s", seeds);
        if (spec.sweep().active()) { // the swept setting's own value would mislead: name the sweep instead
            if (spec.sweep().key().equals("learning-rate")) {
                text = text.replace(" lr " + NiceScale.label(h.learningRate()), "");
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < spec.sweep().size(); i++) {
                values.add(spec.sweep().valueText(i));
            }
            text += " · " + spec.sweep().setting().words() + " swept: " + String.join(", ", values);
        }
        return text;
    }
}
