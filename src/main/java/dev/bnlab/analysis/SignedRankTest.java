package dev.bnlab.analysis;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

import java.util.Arrays;

/**
 * Two-sided Wilcoxon signed-rank p-value of paired differences, with the choices that accuracies over seeds need.
 *
 * <ul>
 *   <li><b>Equal numbers are equal.</b> Accuracies are multiples of 1/testExamples, but in doubles
 *       0.9712 − 0.9704 and 0.9706 − 0.9698 differ in the last bits. Differences are therefore compared on a
 *       grid of {@value #RESOLUTION} (far below any real difference, 1e-6 even for a million test images, far
 *       above double rounding, about 1e-16): on it, such pairs are the tie they are.</li>
 *   <li><b>Zeros are dropped first</b> (Wilcoxon's "wilcox" zero method, scipy's default); n is then the number
 *       of non-zero differences. No non-zero difference: NaN.</li>
 *   <li><b>Ties get average ranks</b> (Commons Math {@link NaturalRanking}, {@link TiesStrategy#AVERAGE}).</li>
 *   <li><b>n ≤ {@value #MAX_EXACT}: exact p</b>, from the distribution of W+ over all 2^n sign assignments of the
 *       ranks actually observed (counted by dynamic programming on doubled ranks, which are integers, in exact
 *       long arithmetic): p = min(1, 2 · min(P(W+ ≤ w), P(W+ ≥ w))). Without ties this is the classical exact
 *       test (scipy {@code method='exact'}); with ties it is the exact conditional test (scipy's
 *       {@code PermutationMethod} with every sign assignment enumerated).</li>
 *   <li><b>n &gt; {@value #MAX_EXACT}: normal approximation</b> with the tie-corrected variance
 *       n(n+1)(2n+1)/24 − Σ(t³ − t)/48 and a continuity correction of 0.5 towards the mean (scipy
 *       {@code method='asymptotic', correction=True}, the default of R's {@code wilcox.test}).</li>
 * </ul>
 *
 * <p><b>Why not Commons Math's {@code WilcoxonSignedRankTest} for the p-value</b> (3.6.1, read in its source,
 * pinned in {@code CommonsMathWilcoxonFindingsTest}; reported upstream as MATH-1233):
 * <ul>
 *   <li>zeros are ranked and their ranks counted into W− (N includes them): not any textbook zero method;</li>
 *   <li>the exact p is 2 · P(W ≥ Wmax) over the untied distribution with no cap: 1.25 for d = (1, 2, −3);</li>
 *   <li>with ties, a half-integer Wmax is effectively rounded up, which makes p too small (d = (1, 2, −2, 3, 4):
 *       0.1875, where the exact conditional p is 0.25 and scipy's conservative 'exact' gives 0.3125);</li>
 *   <li>the exact method enumerates 2^N subsets with an inner loop over N: 72 s for N = 30 on this machine,
 *       and N &gt; 30 throws {@code NumberIsTooLargeException} (its Javadoc says "ignored");</li>
 *   <li>the normal approximation uses z = (Wmin − E − 0.5)/σ: the continuity correction points away from the
 *       mean (p too small, matching neither scipy's {@code correction=False} nor {@code True}) and the variance
 *       has no tie correction.</li>
 * </ul>
 * Where those do not apply (no zeros, no ties, small n) both give the same p; the tests check that too.
 */
final class SignedRankTest {
    /** Grid on which differences are compared (see the class comment). */
    static final double RESOLUTION = 1e-9;
    /** Largest number of non-zero differences with an exact p, as in Commons Math; above, the approximation. */
    static final int MAX_EXACT = 30;

    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private SignedRankTest() {
    }

    /** {@code d} in units of {@link #RESOLUTION}: equal units mean equal differences, 0 means no difference. */
    static long units(double d) {
        return Math.round(d / RESOLUTION);
    }

    /** Number of differences that are not zero on the {@link #RESOLUTION} grid. */
    static int nonZero(double[] differences) {
        return (int) Arrays.stream(differences).filter(d -> units(d) != 0).count();
    }

    /** Two-sided p-value for "the differences are symmetric about 0"; NaN when no difference is non-zero. */
    static double twoSidedP(double[] differences) {
        long[] signed = Arrays.stream(differences).mapToLong(SignedRankTest::units).filter(u -> u != 0).toArray();
        int n = signed.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] ranks = RANKING.rank(Arrays.stream(signed).mapToDouble(Math::abs).toArray());
        int[] doubledRanks = new int[n];
        long doubledWPlus = 0;
        for (int i = 0; i < n; i++) {
            doubledRanks[i] = (int) Math.round(2 * ranks[i]); // average ranks are multiples of 1/2
            if (signed[i] > 0) {
                doubledWPlus += doubledRanks[i];
            }
        }
        return n <= MAX_EXACT ? exactP(doubledRanks, doubledWPlus) : normalP(signed, doubledWPlus / 2.0);
    }

    /** Counts the sign assignments by their doubled W+ (each rank in or out), then takes the smaller tail. */
    private static double exactP(int[] doubledRanks, long doubledWPlus) {
        int total = Arrays.stream(doubledRanks).sum(); // n(n + 1)
        long[] ways = new long[total + 1];
        ways[0] = 1;
        for (int r : doubledRanks) {
            for (int s = total; s >= r; s--) {
                ways[s] += ways[s - r];
            }
        }
        long atMost = 0;
        long atLeast = 0;
        for (int s = 0; s <= total; s++) {
            if (s <= doubledWPlus) {
                atMost += ways[s];
            }
            if (s >= doubledWPlus) {
                atLeast += ways[s];
            }
        }
        return Math.min(1.0, 2.0 * Math.min(atMost, atLeast) / (1L << doubledRanks.length));
    }

    private static double normalP(long[] signed, double wPlus) {
        double n = signed.length;
        double mean = n * (n + 1) / 4;
        double variance = n * (n + 1) * (2 * n + 1) / 24 - tieTerm(signed) / 48;
        double shift = wPlus - mean;
        double z = (shift - Math.signum(shift) * 0.5) / Math.sqrt(variance);
        return 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
    }

    /** Σ (t³ − t) over the groups of t equal absolute differences. */
    private static double tieTerm(long[] signed) {
        long[] abs = Arrays.stream(signed).map(Math::abs).sorted().toArray();
        double sum = 0;
        for (int start = 0, end; start < abs.length; start = end) {
            end = start;
            while (end < abs.length && abs[end] == abs[start]) {
                end++;
            }
            double t = end - start;
            sum += t * t * t - t;
        }
        return sum;
    }
}
