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

    /** One variant over its seeds. */
    public record VariantSummary(int index, Variant variant, SampleSummary accuracy, int runs, int evaluated,
                                 int diverged, int failed, int stopped) {
    }

    /** One variant against the reference, seed by seed. */
    public record Comparison(Variant candidate, Variant reference, PairedComparison stats, Verdict verdict) {
    }

    public ExperimentAnalysis {
        variants = List.copyOf(variants);
        comparisons = List.copyOf(comparisons);
    }

    public static ExperimentAnalysis of(ExperimentResult result) {
        ExperimentSpec spec = result.spec();
        List<VariantSummary> variants = new ArrayList<>();
        for (int v = 0; v < spec.variants().size(); v++) {
            int index = v;
            List<RunResult> runs = result.runs().stream().filter(r -> r.run().variantIndex() == index).toList();
            variants.add(new VariantSummary(v, spec.variants().get(v), SampleSummary.of(result.accuracies(v)),
                    runs.size(), (int) runs.stream().filter(RunResult::evaluated).count(),
                    count(runs, RunStatus.DIVERGED), count(runs, RunStatus.FAILED), count(runs, RunStatus.STOPPED)));
        }
        List<Comparison> comparisons = new ArrayList<>();
        Variant reference = spec.variants().get(0);
        for (int v = 1; v < spec.variants().size(); v++) {
            Variant candidate = spec.variants().get(v);
            PairedComparison stats = PairedComparison.of(result.accuracies(v), result.accuracies(0));
            comparisons.add(new Comparison(candidate, reference, stats,
                    Verdict.of(stats, candidate.name(), reference.name())));
        }
        return new ExperimentAnalysis(variants, comparisons);
    }

    private static int count(List<RunResult> runs, RunStatus status) {
        return (int) runs.stream().filter(r -> r.status() == status).count();
    }
}
