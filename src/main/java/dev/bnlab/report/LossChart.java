package dev.bnlab.report;

import dev.bnlab.experiment.ExperimentConfig;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunHistory;
import dev.bnlab.experiment.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a loss chart shows: each run's raw scores, how it ended, and the chart's words and options. */
public record LossChart(String title, String subtitle, List<Series> series, int[] epochEnds, double smoothing,
                        boolean logScale) {

    public record Series(String name, float[] scores, String note) {
    }

    public LossChart {
        series = List.copyOf(series);
    }

    public static final String TITLE = "Training loss with and without Batch Normalization";

    /** The chart of an experiment in progress or ended; {@code result} may be null while it runs. */
    public static LossChart of(ExperimentConfig config, List<RunHistory> histories, ExperimentResult result,
                               double smoothing, boolean logScale) {
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < histories.size(); i++) {
            RunHistory h = histories.get(i);
            String note = "";
            if (result != null && i < result.runs().size()) {
                RunResult r = result.runs().get(i);
                note = r.evaluated() ? String.format(Locale.ROOT, "test accuracy %.2f%%", 100 * r.testAccuracy())
                        : r.status().label();
            }
            series.add(new Series(h.runName(), h.scores(), note));
        }
        int[] epochEnds = histories.isEmpty() ? new int[0] : histories.get(0).epochEnds();
        return new LossChart(TITLE, subtitle(config), series, epochEnds, smoothing, logScale);
    }

    public static String subtitle(ExperimentConfig c) {
        StringBuilder arch = new StringBuilder("784");
        c.hiddenUnits().forEach(u -> arch.append('-').append(u));
        arch.append("-10");
        return String.format(Locale.ROOT, "MNIST, %,d training images · MLP %s · batch %d · Nesterov lr %s, momentum %s · %d epoch%s · seed %d",
                c.trainExamples(), arch, c.batchSize(), NiceScale.label(c.learningRate()),
                NiceScale.label(c.momentum()), c.epochs(), c.epochs() == 1 ? "" : "s", c.seed());
    }
}
