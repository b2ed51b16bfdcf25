package dev.bnlab.spec;

/**
 * What BN Lab measures inside every network while it trains, the same for every run of an experiment:
 * every {@code evalEvery} iterations (0: never) the accuracy on a fixed slice of the first
 * {@code evalExamples} test images, the percentiles of every hidden layer's values on that slice, and the
 * layers' health. {@code probeUnit} is the unit of the last hidden layer that charts follow by default, as the
 * BN paper's Figure 1 follows "a typical sigmoid".
 */
public record Monitoring(int evalEvery, int evalExamples, int probeUnit) {

    public boolean enabled() {
        return evalEvery > 0;
    }

    /** How many probe points a run of {@code iterations} iterations records: at 0, every K, and at the end. */
    public int pointsFor(int iterations) {
        if (!enabled()) {
            return 0;
        }
        return 1 + iterations / evalEvery + (iterations % evalEvery == 0 ? 0 : 1);
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
