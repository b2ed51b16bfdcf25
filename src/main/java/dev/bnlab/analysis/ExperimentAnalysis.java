package dev.bnlab.analysis;

import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Variant;

import java.util.ArrayList;
import java.util.List;

/**
 * What an experiment's results say: per variant, its test accuracy over seeds with a 95 % t-interval; per
 * variant against the reference (the first variant, e.g. "without BN"), the paired difference per seed with
 * its interval, a paired t-test, a Wilcoxon signed-rank test as a check, and the verdict in words. The
 * console, the window and summary.json all show this one analysis.
 */
public record ExperimentAnalysis(List<VariantSummary> variants, List<Comparison> comparisons) {

    /** One variant (at one value of the sweep, if any) over its seeds. */
    public record VariantSummary(int index, Variant variant, SampleSummary accuracy, int runs, int evaluated,
                                 int diverged, int failed, int stopped, int sweepIndex, String sweepLabel) {
        /** "BN after activation", or "BN after activation · lr 0.1" in a sweep. */
        public String name() {
            return sweepLabel.isEmpty() ? variant.name() : variant.name() + " · " + sweepLabel;
        }
    }

    /** One variant against the reference, seed by seed (at one value of the sweep, if any). */
    public record Comparison(Variant candidate, Variant reference, PairedComparison stats, Verdict verdict,
                             int sweepIndex, String sweepLabel) {
        /** "BN after activation - without BN", with " · lr 0.1" in a sweep. */
        public String name() {
            String name = candidate.name() + " - " + reference.name();
            return sweepLabel.isEmpty() ? name : name + " · " + sweepLabel;
        }
    }

    public ExperimentAnalysis {
        variants = List.copyOf(variants);
        comparisons = List.copyOf(comparisons);
    }

    public static ExperimentAnalysis of(ExperimentResult result) {
        ExperimentSpec spec = result.spec();
        List<VariantSummary> variants = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        for (int c = 0; c < spec.sweep().size(); c++) {
            int point = c;
            String label = spec.sweep().label(c);
            for (int v = 0; v < spec.variants().size(); v++) {
                int index = v;
                List<RunResult> runs = result.runs().stream()
                        .filter(r -> r.run().variantIndex() == index && r.run().sweepIndex() == point).toList();
                variants.add(new VariantSummary(v, spec.variants().get(v), SampleSummary.of(result.accuracies(v, c)),
                        runs.size(), (int) runs.stream().filter(RunResult::evaluated).count(),
                        count(runs, RunStatus.DIVERGED), count(runs, RunStatus.FAILED), count(runs, RunStatus.STOPPED),
                        c, label));
            }
            Variant reference = spec.variants().get(0);
            String at = label.isEmpty() ? "" : " at " + label;
            for (int v = 1; v < spec.variants().size(); v++) {
                Variant candidate = spec.variants().get(v);
                PairedComparison stats = PairedComparison.of(result.accuracies(v, c), result.accuracies(0, c));
                comparisons.add(new Comparison(candidate, reference, stats,
                        Verdict.of(stats, candidate.name() + at, reference.name()), c, label));
            }
        }
        return new ExperimentAnalysis(variants, comparisons);
    }

    private static int count(List<RunResult> runs, RunStatus status) {
        return (int) runs.stream().filter(r -> r.status() == status).count();
    }
}
