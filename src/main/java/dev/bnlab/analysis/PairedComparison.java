package dev.bnlab.analysis;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.Arrays;

/**
 * Candidate against reference, seed by seed: the two networks of one seed share the weight seed and data
 * order, so the per-seed difference removes the seed's own luck, and the paired analysis is the right one.
 *
 * <p><b>Missing runs.</b> Pairs are matched by index (same seed). A pair where either side is NaN is dropped
 * and counted in {@code dropped}; a run without an accuracy cannot be compared, and imputing one would invent
 * data.
 *
 * <p><b>Interval and t-test.</b> The 95 % interval of the mean difference is mean ± t(0.975, n − 1) · sd / √n,
 * and the two-sided paired t-test (Commons Math {@link TTest}, one sample of differences against 0) says
 * p &lt; 0.05 exactly when that interval excludes 0. Both are NaN when n &lt; 2.
 *
 * <p><b>All differences equal</b> (sd = 0, e.g. BN exactly 8 test images ahead on every seed; judged on the
 * {@link SignedRankTest#RESOLUTION} grid, so that double rounding in a − b does not fake a spread): sd is
 * reported as 0 and the interval collapses to [d, d], which is what the formula gives. The t statistic would
 * divide by a zero standard error; ±∞ and p = 0 would claim a certainty that a handful of seeds cannot give,
 * and with d = 0 it is 0/0. So {@code tStatistic} and {@code tTestP} are NaN ("no p: no spread"), the
 * interval still decides, and the Wilcoxon p (which exists: 2/2^n for n equal non-zero differences) is the
 * test to read.
 *
 * <p><b>Wilcoxon signed-rank</b> p: see {@link SignedRankTest}: zero differences dropped first, exact for up to
 * 30 non-zero differences, normal approximation above; NaN when no difference is non-zero.
 *
 * @param n              pairs used (both sides have an accuracy)
 * @param dropped        pairs left out because either side is NaN
 * @param differences    candidate − reference for the pairs used, in seed order (a copy)
 * @param meanDifference mean of the differences; NaN when n = 0
 * @param sd             sample standard deviation of the differences; NaN when n &lt; 2
 * @param ciLow          lower end of the 95 % t-interval of the mean difference; NaN when n &lt; 2
 * @param ciHigh         upper end of that interval; NaN when n &lt; 2
 * @param tStatistic     mean / (sd / √n); NaN when n &lt; 2 or sd = 0
 * @param tTestP         two-sided paired t-test p-value; NaN when n &lt; 2 or sd = 0
 * @param wilcoxonP      two-sided Wilcoxon signed-rank p-value; NaN when no difference is non-zero
 */
public record PairedComparison(int n, int dropped, double[] differences, double meanDifference, double sd,
                               double ciLow, double ciHigh, double tStatistic, double tTestP, double wilcoxonP) {

    public PairedComparison {
        differences = differences.clone();
    }

    /**
     * Compares {@code candidate[i]} with {@code reference[i]} for every seed i.
     *
     * @throws IllegalArgumentException when the lengths differ or a value is infinite
     */
    public static PairedComparison of(double[] candidate, double[] reference) {
        Inputs.finiteOrNaN(candidate, "candidate");
        Inputs.finiteOrNaN(reference, "reference");
        if (candidate.length != reference.length) {
            throw new IllegalArgumentException("one accuracy per seed on both sides: " + candidate.length
                    + " candidate values, " + reference.length + " reference values");
        }
        double[] d = new double[candidate.length];
        int n = 0;
        for (int i = 0; i < candidate.length; i++) {
            if (!Double.isNaN(candidate[i]) && !Double.isNaN(reference[i])) {
                d[n++] = candidate[i] - reference[i];
            }
        }
        d = Arrays.copyOf(d, n);
        double mean = n == 0 ? Double.NaN : StatUtils.mean(d);
        double wilcoxonP = SignedRankTest.twoSidedP(d);
        if (n < 2) {
            return new PairedComparison(n, candidate.length - n, d, mean, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, wilcoxonP);
        }
        if (allEqual(d)) {
            return new PairedComparison(n, candidate.length - n, d, mean, 0, mean, mean,
                    Double.NaN, Double.NaN, wilcoxonP);
        }
        double sd = Math.sqrt(StatUtils.variance(d));
        double halfWidth = StudentT.halfWidth95(sd, n);
        TTest tTest = new TTest();
        return new PairedComparison(n, candidate.length - n, d, mean, sd, mean - halfWidth, mean + halfWidth,
                tTest.t(0.0, d), tTest.tTest(0.0, d), wilcoxonP);
    }

    /** True when the 95 % interval lies wholly above or below 0; false when it contains 0 or does not exist. */
    public boolean ciExcludesZero() {
        return ciLow > 0 || ciHigh < 0;
    }

    @Override
    public double[] differences() {
        return differences.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairedComparison p && n == p.n && dropped == p.dropped
                && Arrays.equals(differences, p.differences)
                && Double.compare(meanDifference, p.meanDifference) == 0 && Double.compare(sd, p.sd) == 0
                && Double.compare(ciLow, p.ciLow) == 0 && Double.compare(ciHigh, p.ciHigh) == 0
                && Double.compare(tStatistic, p.tStatistic) == 0 && Double.compare(tTestP, p.tTestP) == 0
                && Double.compare(wilcoxonP, p.wilcoxonP) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(differences) + Double.hashCode(meanDifference);
    }

    @Override
    public String toString() {
        return "PairedComparison[n=" + n + ", dropped=" + dropped + ", differences=" + Arrays.toString(differences)
                + ", meanDifference=" + meanDifference + ", sd=" + sd + ", ciLow=" + ciLow + ", ciHigh=" + ciHigh
                + ", tStatistic=" + tStatistic + ", tTestP=" + tTestP + ", wilcoxonP=" + wilcoxonP + "]";
    }

    private static boolean allEqual(double[] d) {
        long first = SignedRankTest.units(d[0]);
        return Arrays.stream(d).allMatch(x -> SignedRankTest.units(x) == first);
    }
}
