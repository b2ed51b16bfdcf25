package dev.bnlab.spec;

/**
 * What BN Lab measures inside every network while it trains, the same for every run of an experiment:
 * before training, every {@code evalEvery} iterations (0: never), at the last iteration, and three times early
 * (at K/8, K/4 and K/2, where training changes fastest; when K ≥ 8) the accuracy on a fixed slice of the first
 * {@code evalExamples} test images, the percentiles of every hidden layer's values on that slice, and the
 * layers' health. {@code probeUnit} is the unit of the last hidden layer that charts follow by default, as the
 * BN paper's Figure 1 follows "a typical sigmoid".
 */
public record Monitoring(int evalEvery, int evalExamples, int probeUnit) {

    public boolean enabled() {
        return evalEvery > 0;
    }

    /** Whether the probe measures after iteration {@code iteration} (0: before training). */
    public boolean measuresAt(int iteration) {
        if (!enabled()) {
            return false;
        }
        if (iteration % evalEvery == 0) {
            return true;
        }
        return evalEvery >= 8 && iteration < evalEvery
                && (iteration == evalEvery / 8 || iteration == evalEvery / 4 || iteration == evalEvery / 2);
    }

    /** How many probe points a run of {@code iterations} iterations records (see {@link #measuresAt}, plus the last). */
    public int pointsFor(int iterations) {
        int n = 0;
        for (int i = 0; i <= iterations; i++) {
            if (measuresAt(i) || (i == iterations && enabled())) {
                n++;
            }
        }
        return n;
    }

    public Monitoring withEvalEvery(int v) {
        return new Monitoring(v, evalExamples, probeUnit);
    }

    public Monitoring withEvalExamples(int v) {
        return new Monitoring(evalEvery, v, probeUnit);
    }

    public Monitoring withProbeUnit(int v) {
        return new Monitoring(evalEvery, evalExamples, v);
    }
}
