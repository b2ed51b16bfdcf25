package dev.bnlab.analysis;

import org.apache.commons.math3.exception.NumberIsTooLargeException;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static dev.bnlab.analysis.Fixtures.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * What Commons Math 3.6.1's {@link WilcoxonSignedRankTest} does (read in its source), pinned here because it is
 * why {@link SignedRankTest} computes the p-value itself: should a Commons Math upgrade change any of this,
 * these tests say so. Its differences are z = y − x; all calls pass x = 0.
 */
class CommonsMathWilcoxonFindingsTest {
    private static final WilcoxonSignedRankTest COMMONS = new WilcoxonSignedRankTest();
    private static final double P = 1e-6;

    @Test
    void agreesWhereThereAreNoZerosNoTiesAndFewPairs() {
        // python3 -c "import numpy as np; from scipy import stats;
        //   print(stats.wilcoxon(np.array([3,-5,8,1,-13,21,34,-2,55,89,-144,7.]), method='exact'))"
        //   (scipy 1.17.1) -> pvalue 0.30126953125
        double[] d = images(3, -5, 8, 1, -13, 21, 34, -2, 55, 89, -144, 7);

        assertThat(COMMONS.wilcoxonSignedRankTest(new double[d.length], d, true)).isCloseTo(0.30126953125, within(P));
        assertThat(SignedRankTest.twoSidedP(d)).isEqualTo(COMMONS.wilcoxonSignedRankTest(new double[d.length], d, true));
    }

    @Test
    void ranksZerosAndCountsThemIntoWMinus() {
        // d = 0, 1, 2, 3, 4: the zero takes rank 1 and lands in W- (= N(N+1)/2 - W+ with N = 5): max(W+, W-) = 14.
        // Dropping the zero ("wilcox"), W+ = 1+2+3+4 = 10 and W- = 0.
        assertThat(COMMONS.wilcoxonSignedRank(new double[5], images(0, 1, 2, 3, 4))).isEqualTo(14.0);
    }

    @Test
    void twoSidedExactPCanExceedOne() {
        // 2 * P(W >= max(W+, W-)) without a cap: W+ = W- = 3 for d = 1, 2, -3 gives 2 * 5/8.
        // python3 -c "import numpy as np; from scipy import stats; print(stats.wilcoxon(np.array([1,2,-3.]),
        //   method='exact'))"   (scipy 1.17.1) -> pvalue 1.0
        assertThat(COMMONS.wilcoxonSignedRankTest(new double[3], images(1, 2, -3), true)).isEqualTo(1.25);
        assertThat(SignedRankTest.twoSidedP(images(1, 2, -3))).isEqualTo(1.0);
    }

    @Test
    void tiesMakeTheExactPTooSmall() {
        // d = 1, 2, -2, 3, 4: average ranks give W+ = 12.5; the untied enumeration counts integer sums >= 12.5,
        // i.e. P(W >= 13) = 3/32, doubled: 0.1875. Exact conditional (all sign assignments of the ranks seen):
        // python3 -c "import numpy as np; from scipy import stats; print(stats.wilcoxon(np.array([1,2,-2,3,4.]),
        //   method=stats.PermutationMethod()), stats.wilcoxon(np.array([1,2,-2,3,4.]), method='exact'))"
        //   (scipy 1.17.1) -> pvalue 0.25 (exact conditional), pvalue 0.3125 (scipy's conservative 'exact')
        assertThat(COMMONS.wilcoxonSignedRankTest(new double[5], images(1, 2, -2, 3, 4), true)).isEqualTo(0.1875);
        assertThat(SignedRankTest.twoSidedP(images(1, 2, -2, 3, 4))).isCloseTo(0.25, within(P));
    }

    @Test
    void exactThrowsAboveThirtyPairs() {
        // the Javadoc of the exactPValue parameter says "ignored"; the code throws
        double[] d = images(IntStream.rangeClosed(1, 31).toArray());

        assertThatThrownBy(() -> COMMONS.wilcoxonSignedRankTest(new double[31], d, true))
                .isInstanceOf(NumberIsTooLargeException.class);
    }

    @Test
    void normalApproximationCorrectsAwayFromTheMean() {
        // d = 1..31, every third negative; Commons Math: z = (Wmin - N(N+1)/4 - 0.5) / sqrt(N(N+1)(2N+1)/24).
        // That formula, independently:
        // python3 -c "import numpy as np; from scipy import stats; d=np.array([i if i%3 else -i for i in
        //   range(1,32)],float); n=31; wm=d[d<0]; T=min(np.abs(wm).sum(), n*(n+1)/2-np.abs(wm).sum());
        //   print(T, repr(2*stats.norm.cdf((T-n*(n+1)/4-0.5)/np.sqrt(n*(n+1)*(2*n+1)/24))))"   (scipy 1.17.1)
        //   -> 165.0 0.10177440819414678
        // scipy's approximation: correction=False -> 0.10384051945457581, correction=True -> 0.10593982188755807
        // (python3 -c "...; print(stats.wilcoxon(d, method='asymptotic', correction=False))"). Commons Math is
        // below both: its 0.5 moves Wmin away from the mean, so its p is too small.
        double[] d = images(IntStream.rangeClosed(1, 31).map(i -> i % 3 == 0 ? -i : i).toArray());
        double commons = COMMONS.wilcoxonSignedRankTest(new double[31], d, false);

        assertThat(commons).isCloseTo(0.10177440819414678, within(1e-12));
        assertThat(commons).isLessThan(0.10384051945457581 - P);
        assertThat(SignedRankTest.twoSidedP(d)).isCloseTo(0.10593982188755807, within(P));
    }
}
