package dev.bnlab.spec;

/**
 * One run of an experiment, self-contained: which variant, which seed, and every hyperparameter it trains
 * with ({@code hyperparameters().seed()} is this run's seed) and what is measured inside it. {@code index} is its position in
 * {@link ExperimentSpec#expand()}; runs with the same {@code seedIndex} are paired: they see the same
 * minibatches in the same order and start from the same weights in the layers they share. In a sweep,
 * {@code sweepIndex} is the value this run takes ({@code sweepLabel} names it, e.g. "lr 0.1"); else 0 and "".
 */
public record RunSpec(int index, int variantIndex, int seedIndex, int sweepIndex, Variant variant,
                      Hyperparameters hyperparameters, Monitoring monitoring, boolean severalSeeds, String sweepLabel) {

    public RunSpec {
        sweepLabel = sweepLabel == null ? "" : sweepLabel;
    }

    public long seed() {
        return hyperparameters.seed();
    }

    /**
     * "BN after activation" with one seed, "BN after activation · seed 124" with several, "BN after activation ·
     * lr 0.1 · seed 124" in a sweep.
     */
    public String label() {
        String name = sweepLabel.isEmpty() ? variant.name() : variant.name() + " · " + sweepLabel;
        return severalSeeds ? name + " · seed " + seed() : name;
    }

    /** The indices of variant {@code variant}'s runs among {@code runs}, in seed order (in a sweep: at value 0). */
    public static int[] indicesOf(java.util.List<RunSpec> runs, int variant) {
        return indicesOf(runs, variant, 0);
    }

    /** The indices of variant {@code variant}'s runs at sweep value {@code sweepIndex}, in seed order. */
    public static int[] indicesOf(java.util.List<RunSpec> runs, int variant, int sweepIndex) {
        return runs.stream().filter(r -> r.variantIndex() == variant && r.sweepIndex() == sweepIndex)
                .mapToInt(RunSpec::index).toArray();
    }
}
