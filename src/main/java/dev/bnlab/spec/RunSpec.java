package dev.bnlab.spec;

/**
 * One run of an experiment, self-contained: which variant, which seed, and every hyperparameter it trains
 * with ({@code hyperparameters().seed()} is this run's seed) and what is measured inside it. {@code index} is its position in
 * {@link ExperimentSpec#expand()}; runs with the same {@code seedIndex} are paired: they see the same
 * minibatches in the same order and start from the same weights in the layers they share.
 */
public record RunSpec(int index, int variantIndex, int seedIndex, Variant variant, Hyperparameters hyperparameters,
                      Monitoring monitoring, boolean severalSeeds) {

    public long seed() {
        return hyperparameters.seed();
    }

    /** "BN after activation" with one seed, "BN after activation · seed 124" with several. */
    public String label() {
        return severalSeeds ? variant.name() + " · seed " + seed() : variant.name();
    }

    /** The indices of variant {@code variant}'s runs among {@code runs}, in seed order. */
    public static int[] indicesOf(java.util.List<RunSpec> runs, int variant) {
        return runs.stream().filter(r -> r.variantIndex() == variant).mapToInt(RunSpec::index).toArray();
    }
}
