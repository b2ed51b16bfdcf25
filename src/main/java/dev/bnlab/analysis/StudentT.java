package dev.bnlab.analysis;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The half-width of a 95 % two-sided Student-t interval, shared by {@link SampleSummary},
 * {@link PairedComparison} and the charts' confidence bands, so that all use the same quantile.
 *
 * <p>Why t and not 1.96: with 5 seeds the quantile is t(0.975, 4) = 2.776, and 1.96 would make the interval
 * about 30 % too narrow, which is exactly the overclaiming the verdict exists to prevent.
 */
public final class StudentT {
    /**
     * Commons Math finds quantiles with a root solver whose default absolute accuracy is 1e-9; asking for 1e-12
     * costs nothing and keeps the interval's bounds well inside the tests' 1e-9 tolerance.
     */
    private static final double QUANTILE_ACCURACY = 1e-12;

    private StudentT() {
    }

    /** t(0.975, df), the multiplier of the standard error for a 95 % two-sided interval. */
    public static double critical95(int degreesOfFreedom) {
        return new TDistribution(null, degreesOfFreedom, QUANTILE_ACCURACY).inverseCumulativeProbability(0.975);
    }

    /** t(0.975, n − 1) · sd / √n; NaN when n &lt; 2 (one value has no spread to measure). */
    static double halfWidth95(double sd, int n) {
        return n < 2 ? Double.NaN : critical95(n - 1) * sd / Math.sqrt(n);
    }
}
