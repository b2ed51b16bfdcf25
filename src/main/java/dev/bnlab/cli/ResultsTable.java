package dev.bnlab.cli;

import dev.bnlab.analysis.ExperimentAnalysis;
import dev.bnlab.analysis.PairedComparison;
import dev.bnlab.analysis.SampleSummary;
import dev.bnlab.analysis.Verdict;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunResult;

import java.io.PrintStream;
import java.util.Locale;

/** The console's summary at the end: one line per run (one seed) or per variant (several), then the verdicts. */
final class ResultsTable {
    private ResultsTable() {
    }

    static void print(PrintStream out, ExperimentResult result) {
        out.println();
        out.printf(Locale.ROOT, "Experiment %s %s after %.1f s%n", result.spec().name(), result.status().label(),
                result.seconds());
        ExperimentAnalysis analysis = ExperimentAnalysis.of(result);
        if (result.spec().seeds() == 1) {
            runs(out, result);
        } else {
            variants(out, analysis);
        }
        for (ExperimentAnalysis.Comparison c : analysis.comparisons()) {
            PairedComparison s = c.stats();
            String numbers = s.n() == 0 ? "no seed has both accuracies"
                    : s.n() == 1 ? String.format(Locale.ROOT, "%+.2f points", 100 * s.meanDifference())
                    : String.format(Locale.ROOT, "%+.2f points (95 %% CI %+.2f to %+.2f; paired t-test %s,"
                            + " Wilcoxon %s; %d seeds)", 100 * s.meanDifference(), 100 * s.ciLow(), 100 * s.ciHigh(),
                    Verdict.p(s.tTestP()), Verdict.p(s.wilcoxonP()), s.n());
            out.printf(Locale.ROOT, "%s: %s%n  %s%n", c.name(), numbers, c.verdict().text());
        }
    }

    private static void runs(PrintStream out, ExperimentResult result) {
        int w = Math.max(3, result.runs().stream().mapToInt(r -> r.name().length()).max().orElse(3));
        String format = "%-" + w + "s  %13s  %10s  %13s  %s%n";
        out.printf(Locale.ROOT, format, "run", "test accuracy", "final loss", "training time", "status");
        for (RunResult r : result.runs()) {
            out.printf(Locale.ROOT, format, r.name(),
                    r.evaluated() ? String.format(Locale.ROOT, "%.2f %%", 100 * r.testAccuracy()) : "-",
                    Double.isFinite(r.finalScore()) ? String.format(Locale.ROOT, "%.4f", r.finalScore()) : "-",
                    String.format(Locale.ROOT, "%.1f s", r.trainingSeconds()), r.status().label());
        }
    }

    private static void variants(PrintStream out, ExperimentAnalysis analysis) {
        int w = Math.max(7, analysis.variants().stream().mapToInt(v -> v.name().length()).max().orElse(7));
        String format = "%-" + w + "s  %5s  %13s  %19s  %6s  %s%n";
        out.printf(Locale.ROOT, format, "variant", "seeds", "test accuracy", "95 % CI", "sd", "ended early");
        for (ExperimentAnalysis.VariantSummary v : analysis.variants()) {
            SampleSummary a = v.accuracy();
            int early = v.diverged() + v.failed() + v.stopped();
            String missing = early == 0 ? "-" : String.format(Locale.ROOT, "%d (%d diverged, %d failed, %d stopped; %d not evaluated)",
                    early, v.diverged(), v.failed(), v.stopped(), v.runs() - v.evaluated());
            out.printf(Locale.ROOT, format, v.name(), a.n(),
                    a.n() > 0 ? String.format(Locale.ROOT, "%.2f %%", 100 * a.mean()) : "-",
                    a.n() > 1 ? String.format(Locale.ROOT, "%.2f to %.2f %%", 100 * a.ciLow(), 100 * a.ciHigh()) : "-",
                    a.n() > 1 ? String.format(Locale.ROOT, "%.2f", 100 * a.sd()) : "-", missing);
        }
    }
}
