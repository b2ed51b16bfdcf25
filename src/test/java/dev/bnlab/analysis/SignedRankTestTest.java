package dev.bnlab.analysis;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static dev.bnlab.analysis.Fixtures.CAND10;
import static dev.bnlab.analysis.Fixtures.CAND36;
import static dev.bnlab.analysis.Fixtures.REF10;
import static dev.bnlab.analysis.Fixtures.REF36;
import static dev.bnlab.analysis.Fixtures.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Wilcoxon signed-rank p against scipy 1.17.1. Differences are fed in as image counts / 1e4; scipy gets
 * the integer counts, where ties and zeros are exact (only signs and ranks matter to the test).
 */
class SignedRankTestTest {
    private static final double P = 1e-6;

    @Test
    void exactWithoutTies() {
        // python3 -c "import numpy as np; from scipy import stats; print(stats.wilcoxon(np.array([33,27,29,28,24.]),
        //   zero_method='wilcox', method='exact'))"   (scipy 1.17.1) -> pvalue 0.0625
        assertThat(SignedRankTest.twoSidedP(images(33, 27, 29, 28, 24))).isCloseTo(0.0625, within(P));
        // python3 -c "import numpy as np; from scipy import stats;
        //   print(stats.wilcoxon(np.array([3,-5,8,1,-13,21,34,-2,55,89,-144,7.]), method='exact'))"
        //   (scipy 1.17.1) -> pvalue 0.30126953125
        assertThat(SignedRankTest.twoSidedP(images(3, -5, 8, 1, -13, 21, 34, -2, 55, 89, -144, 7)))
                .isCloseTo(0.30126953125, within(P));
    }

    @Test
    void zeroDroppedAndTiesExactlyConditioned() {
        // d = 31, 12, 0, 25, -12, 40, -8, 25, 19, 33 images: the zero is dropped, |12| and |25| tie,
        // W- = 1 + 2.5 = 3.5 is not an integer.
        // python3 -c "import numpy as np; from scipy import stats; d=np.array([31,12,0,25,-12,40,-8,25,19,33.]);
        //   print(stats.wilcoxon(d, zero_method='wilcox', method=stats.PermutationMethod(n_resamples=np.inf)),
        //   stats.wilcoxon(d, zero_method='wilcox', method='exact'))"   (scipy 1.17.1)
        // -> pvalue 0.0234375 (all 2^9 sign assignments of the observed ranks: the exact conditional p)
        //    pvalue 0.02734375 (method='exact': the untied distribution at floor(W+), which scipy itself says
        //    "is not exact in the presence of ties"; it is conservative by design)
        // The exact conditional p is the right one, and the one tested; Commons Math gives yet another
        // (CommonsMathWilcoxonFindingsTest).
        double[] d = PairedComparison.of(CAND10, REF10).differences();

        assertThat(SignedRankTest.twoSidedP(d)).isCloseTo(0.0234375, within(P));
        assertThat(SignedRankTest.twoSidedP(d)).isNotCloseTo(0.02734375, within(P));
    }

    @Test
    void tiesOnAHalfRank() {
        // python3 -c "import numpy as np; from scipy import stats; print(stats.wilcoxon(np.array([1,2,-2,3,4.]),
        //   method=stats.PermutationMethod()))"   (scipy 1.17.1; 2^5 < 9999 resamples, so exact) -> pvalue 0.25
        assertThat(SignedRankTest.twoSidedP(images(1, 2, -2, 3, 4))).isCloseTo(0.25, within(P));
    }

    @Test
    void pIsCappedAtOne() {
        // python3 -c "import numpy as np; from scipy import stats; print(stats.wilcoxon(np.array([1,2,-3.]),
        //   method='exact'))"   (scipy 1.17.1) -> pvalue 1.0   (W+ = W- = 3: 2 * 5/8 capped)
        assertThat(SignedRankTest.twoSidedP(images(1, 2, -3))).isEqualTo(1.0);
        assertThat(SignedRankTest.twoSidedP(images(29))).isEqualTo(1.0);
    }

    @Test
    void exactUpToThirty() {
        // d = 1..30, every third negative
        // python3 -c "import numpy as np; from scipy import stats;
        //   d=np.array([i if i%3 else -i for i in range(1,31)],float); print(stats.wilcoxon(d, method='exact'))"
        //   (scipy 1.17.1) -> pvalue 0.17059839516878128
        assertThat(SignedRankTest.twoSidedP(images(IntStream.rangeClosed(1, 30).map(i -> i % 3 == 0 ? -i : i)
                .toArray()))).isCloseTo(0.17059839516878128, within(P));
    }

    @Test
    void normalApproximationFromThirtyOne() {
        // d = 1..31, every third negative
        // python3 -c "import numpy as np; from scipy import stats;
        //   d=np.array([i if i%3 else -i for i in range(1,32)],float); print(stats.wilcoxon(d,
        //   method='asymptotic', correction=True), stats.wilcoxon(d, method='exact'))"   (scipy 1.17.1)
        // -> pvalue 0.10593982188755807 (approximation, used here), pvalue 0.10662505030632019 (exact, not used)
        double p = SignedRankTest.twoSidedP(images(IntStream.rangeClosed(1, 31).map(i -> i % 3 == 0 ? -i : i)
                .toArray()));

        assertThat(p).isCloseTo(0.10593982188755807, within(P));
        assertThat(p).isNotCloseTo(0.10662505030632019, within(P));
    }

    @Test
    void normalApproximationWithZerosAndTies() {
        // 36 seeds, differences in images (2 zeros, 34 non-zero, many ties):
        // python3 -c "import numpy as np; from scipy import stats; d=np.array([24,18,-2,44,0,-10,34,-14,35,17,-17,
        //   -22,6,-23,-16,11,42,7,31,39,32,19,0,10,-7,9,1,-8,44,-25,-19,-12,42,23,36,-11.]);
        //   print(stats.wilcoxon(d, zero_method='wilcox', method='asymptotic', correction=True),
        //   stats.wilcoxon(d, zero_method='wilcox', method='asymptotic', correction=False))"   (scipy 1.17.1)
        // -> pvalue 0.029887748777810065 (tie-corrected variance, continuity correction towards the mean)
        //    pvalue 0.029248247720910617 (without continuity correction: not what is done here)
        double p = SignedRankTest.twoSidedP(PairedComparison.of(CAND36, REF36).differences());

        assertThat(p).isCloseTo(0.029887748777810065, within(P));
        assertThat(p).isNotCloseTo(0.029248247720910617, within(P));
    }

    @Test
    void doubleRoundingDoesNotHideATie() {
        double a = 0.9712 - 0.9704; // 0.0007999999999999119
        double b = 0.9706 - 0.9698; // 0.0008000000000000229
        assertThat(a).isNotEqualTo(b);

        // the accuracies say {8, -8, 3, 10, 12} images: |8| and |-8| tie on ranks 2.5 and 2.5.
        // python3 -c "import numpy as np; from scipy import stats; print(stats.wilcoxon(np.array([8,-8,3,10,12.]),
        //   method=stats.PermutationMethod()))"   (scipy 1.17.1; 2^5 < 9999 resamples, so exact) -> pvalue 0.25
        // Taken bit for bit, a < b would rank 2 and 3 (W- = 3), the p of {8, -9, 3, 10, 12}:
        // python3 -c "import numpy as np; from scipy import stats; print(stats.wilcoxon(np.array([8,-9,3,10,12.]),
        //   method='exact'))"   (scipy 1.17.1) -> pvalue 0.3125
        double p = SignedRankTest.twoSidedP(new double[] {a, -b, 0.0003, 0.0010, 0.0012});

        assertThat(p).isCloseTo(0.25, within(P));
        assertThat(p).isNotCloseTo(0.3125, within(P));
        assertThat(SignedRankTest.twoSidedP(new double[] {0.9712 - 0.9712, a - b})).isNaN(); // a - b is 1.1e-17
    }

    @Test
    void noNonZeroDifferenceHasNoP() {
        assertThat(SignedRankTest.twoSidedP(new double[0])).isNaN();
        assertThat(SignedRankTest.twoSidedP(new double[] {0, 0, -0.0})).isNaN();
    }
}
