package dev.bnlab.analysis;

import org.junit.jupiter.api.Test;

import static dev.bnlab.analysis.Fixtures.CAND10;
import static dev.bnlab.analysis.Fixtures.CAND12;
import static dev.bnlab.analysis.Fixtures.CAND5;
import static dev.bnlab.analysis.Fixtures.CAND7_NAN;
import static dev.bnlab.analysis.Fixtures.REF10;
import static dev.bnlab.analysis.Fixtures.REF12;
import static dev.bnlab.analysis.Fixtures.REF5;
import static dev.bnlab.analysis.Fixtures.REF7_NAN;
import static dev.bnlab.analysis.Fixtures.acc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Reference numbers from scipy 1.17.1 / numpy 2.4.6 (Python 3.11). The t-test side uses the accuracies as
 * doubles, exactly as here; the Wilcoxon side uses the integer differences in test images, so that ties and
 * zeros are exact (this code gets the same ties from its 1e-9 grid, see {@link SignedRankTest}).
 */
class PairedComparisonTest {
    private static final double TIGHT = 1e-12;
    private static final double CI = 1e-9;
    private static final double P = 1e-6;

    @Test
    void fiveSeedsNoTies() {
        // python3 -c "import numpy as np; from scipy import stats; c=np.array([9729,9731,9718,9740,9725])/1e4;
        //   r=np.array([9696,9704,9689,9712,9701])/1e4; d=c-r; t=stats.ttest_rel(c,r); print(repr(d.mean()),
        //   repr(d.std(ddof=1)), t.confidence_interval(0.95), repr(t.statistic), repr(t.pvalue))"   (scipy 1.17.1)
        // -> 0.0028200000000000005 0.00032710854467589667 (0.002413841096571112, 0.003226158903428889)
        //    19.27712314209703 4.268064680972467e-05
        // python3 -c "import numpy as np; from scipy import stats; print(stats.wilcoxon(np.array([33,27,29,28,24.]),
        //   zero_method='wilcox', method='exact'))"   (scipy 1.17.1) -> pvalue 0.0625
        PairedComparison c = PairedComparison.of(CAND5, REF5);

        assertThat(c.n()).isEqualTo(5);
        assertThat(c.dropped()).isZero();
        assertThat(c.differences()).containsExactly(CAND5[0] - REF5[0], CAND5[1] - REF5[1], CAND5[2] - REF5[2],
                CAND5[3] - REF5[3], CAND5[4] - REF5[4]);
        assertThat(c.meanDifference()).isCloseTo(0.0028200000000000005, within(TIGHT));
        assertThat(c.sd()).isCloseTo(0.00032710854467589667, within(TIGHT));
        assertThat(c.ciLow()).isCloseTo(0.002413841096571112, within(CI));
        assertThat(c.ciHigh()).isCloseTo(0.003226158903428889, within(CI));
        assertThat(c.tStatistic()).isCloseTo(19.27712314209703, within(1e-8));
        assertThat(c.tTestP()).isCloseTo(4.268064680972467e-05, within(1e-12));
        assertThat(c.wilcoxonP()).isCloseTo(0.0625, within(P));
    }

    @Test
    void tenSeedsWithAZeroAndTies() {
        // differences in images: 31, 12, 0, 25, -12, 40, -8, 25, 19, 33
        // python3 -c "import numpy as np; from scipy import stats;
        //   c=np.array([9727,9716,9689,9737,9689,9738,9699,9718,9729,9733])/1e4;
        //   r=np.array([9696,9704,9689,9712,9701,9698,9707,9693,9710,9700])/1e4; d=c-r; t=stats.ttest_rel(c,r);
        //   print(repr(d.mean()), repr(d.std(ddof=1)), t.confidence_interval(0.95), repr(t.statistic),
        //   repr(t.pvalue))"   (scipy 1.17.1)
        // -> 0.001650000000000007 0.001792112347668722 (0.00036800005581988566, 0.0029319999441801284)
        //    2.9115128558013637 0.01726867678679606
        // Wilcoxon: see SignedRankTestTest.zeroDroppedAndTiesExactlyConditioned (0.0234375)
        PairedComparison c = PairedComparison.of(CAND10, REF10);

        assertThat(c.n()).isEqualTo(10); // the zero difference is a seed like any other for the t-test
        assertThat(c.meanDifference()).isCloseTo(0.001650000000000007, within(TIGHT));
        assertThat(c.sd()).isCloseTo(0.001792112347668722, within(TIGHT));
        assertThat(c.ciLow()).isCloseTo(0.00036800005581988566, within(CI));
        assertThat(c.ciHigh()).isCloseTo(0.0029319999441801284, within(CI));
        assertThat(c.tStatistic()).isCloseTo(2.9115128558013637, within(1e-9));
        assertThat(c.tTestP()).isCloseTo(0.01726867678679606, within(P));
        assertThat(c.wilcoxonP()).isCloseTo(0.0234375, within(P));
    }

    @Test
    void pairsWithANaNAreDroppedAndCounted() {
        // the pairs kept are seeds 0, 1, 3, 4, 6
        // python3 -c "import numpy as np; from scipy import stats; c=np.array([9701,9692,9720,9698,9717])/1e4;
        //   r=np.array([9696,9704,9712,9701,9707])/1e4; d=c-r; t=stats.ttest_rel(c,r); print(repr(d.mean()),
        //   repr(d.std(ddof=1)), t.confidence_interval(0.95), repr(t.statistic), repr(t.pvalue),
        //   stats.wilcoxon(np.array([5,-12,8,-3,10.]), method='exact'))"   (scipy 1.17.1)
        // -> 0.00015999999999998237 0.0009071934744033667 (-0.0009664294765720661, 0.001286429476572031)
        //    0.3943710867576752 0.7134298102879666 pvalue 0.8125
        PairedComparison c = PairedComparison.of(CAND7_NAN, REF7_NAN);

        assertThat(c.n()).isEqualTo(5);
        assertThat(c.dropped()).isEqualTo(2);
        assertThat(c.differences()).containsExactly(0.9701 - 0.9696, 0.9692 - 0.9704, 0.9720 - 0.9712,
                0.9698 - 0.9701, 0.9717 - 0.9707);
        assertThat(c.meanDifference()).isCloseTo(0.00015999999999998237, within(TIGHT));
        assertThat(c.sd()).isCloseTo(0.0009071934744033667, within(TIGHT));
        assertThat(c.ciLow()).isCloseTo(-0.0009664294765720661, within(CI));
        assertThat(c.ciHigh()).isCloseTo(0.001286429476572031, within(CI));
        assertThat(c.tStatistic()).isCloseTo(0.3943710867576752, within(1e-9));
        assertThat(c.tTestP()).isCloseTo(0.7134298102879666, within(P));
        assertThat(c.wilcoxonP()).isCloseTo(0.8125, within(P));
    }

    @Test
    void outlierSplitsTheTests() {
        // differences 5..15 images and one of -100
        // python3 -c "import numpy as np; from scipy import stats;
        //   c=np.array([9701,9710,9696,9720,9710,9708,9718,9705,9723,9714,9710,9603])/1e4;
        //   r=np.array([9696,9704,9689,9712,9701,9698,9707,9693,9710,9700,9695,9703])/1e4; d=c-r;
        //   t=stats.ttest_rel(c,r); print(repr(d.mean()), repr(d.std(ddof=1)), t.confidence_interval(0.95),
        //   repr(t.statistic), repr(t.pvalue),
        //   stats.wilcoxon(np.array([5,6,7,8,9,10,11,12,13,14,15,-100.]), method='exact'))"   (scipy 1.17.1)
        // -> 8.333333333333341e-05 0.003191133549905638 (-0.0019442161925005256, 0.0021108828591671924)
        //    0.09046162753149246 0.9295466016580337 pvalue 0.0341796875
        PairedComparison c = PairedComparison.of(CAND12, REF12);

        assertThat(c.meanDifference()).isCloseTo(8.333333333333341e-05, within(TIGHT));
        assertThat(c.sd()).isCloseTo(0.003191133549905638, within(TIGHT));
        assertThat(c.ciLow()).isCloseTo(-0.0019442161925005256, within(CI));
        assertThat(c.ciHigh()).isCloseTo(0.0021108828591671924, within(CI));
        assertThat(c.tStatistic()).isCloseTo(0.09046162753149246, within(1e-9));
        assertThat(c.tTestP()).isCloseTo(0.9295466016580337, within(P));
        assertThat(c.wilcoxonP()).isCloseTo(0.0341796875, within(P));
    }

    @Test
    void tTestAgreesWithTheInterval() {
        for (PairedComparison c : new PairedComparison[] {PairedComparison.of(CAND5, REF5),
                PairedComparison.of(CAND10, REF10), PairedComparison.of(CAND7_NAN, REF7_NAN),
                PairedComparison.of(CAND12, REF12)}) {
            assertThat(c.tTestP() < 0.05).as(c.toString()).isEqualTo(c.ciExcludesZero());
        }
    }

    @Test
    void oneSeedHasADifferenceButNoSpreadNoIntervalNoTTest() {
        // python3 -c "import numpy as np; from scipy import stats; print(stats.wilcoxon(np.array([29.]),
        //   method='exact'))"   (scipy 1.17.1) -> pvalue 1.0
        PairedComparison c = PairedComparison.of(new double[] {0.9733, Double.NaN}, new double[] {0.9704, 0.9700});

        assertThat(c.n()).isEqualTo(1);
        assertThat(c.dropped()).isEqualTo(1);
        assertThat(c.meanDifference()).isEqualTo(0.9733 - 0.9704);
        assertThat(c.sd()).isNaN();
        assertThat(c.ciLow()).isNaN();
        assertThat(c.ciHigh()).isNaN();
        assertThat(c.tStatistic()).isNaN();
        assertThat(c.tTestP()).isNaN();
        assertThat(c.wilcoxonP()).isEqualTo(1.0);
        assertThat(c.ciExcludesZero()).isFalse();
    }

    @Test
    void noCompletePairGivesNaN() {
        PairedComparison c = PairedComparison.of(new double[] {Double.NaN, 0.97, Double.NaN},
                new double[] {0.97, Double.NaN, Double.NaN});

        assertThat(c.n()).isZero();
        assertThat(c.dropped()).isEqualTo(3);
        assertThat(c.differences()).isEmpty();
        assertThat(c.meanDifference()).isNaN();
        assertThat(c.tTestP()).isNaN();
        assertThat(c.wilcoxonP()).isNaN();
    }

    @Test
    void equalNonZeroDifferencesCollapseTheIntervalAndHaveNoTTest() {
        double[] reference = acc(9704, 9698, 9712, 9689, 9701);
        double[] candidate = acc(9712, 9706, 9720, 9697, 9709); // 8 images ahead on every seed
        // in doubles the differences are not all the same number: 0.0007999999999999119 and 0.0008000000000000229
        assertThat(candidate[0] - reference[0]).isNotEqualTo(candidate[1] - reference[1]);

        PairedComparison c = PairedComparison.of(candidate, reference);

        assertThat(c.sd()).isZero();
        assertThat(c.ciLow()).isEqualTo(c.meanDifference());
        assertThat(c.ciHigh()).isEqualTo(c.meanDifference());
        assertThat(c.meanDifference()).isCloseTo(0.0008, within(TIGHT));
        assertThat(c.ciExcludesZero()).isTrue();
        assertThat(c.tStatistic()).isNaN();
        assertThat(c.tTestP()).isNaN();
        // python3 -c "import numpy as np; from scipy import stats; print(stats.wilcoxon(np.array([8,8,8,8,8.]),
        //   method='exact'))"   (scipy 1.17.1) -> pvalue 0.0625 (= 2/2^5)
        assertThat(c.wilcoxonP()).isCloseTo(0.0625, within(P));
    }

    @Test
    void identicalAccuraciesGiveAZeroIntervalAndNoTest() {
        PairedComparison c = PairedComparison.of(REF5, REF5.clone());

        assertThat(c.meanDifference()).isZero();
        assertThat(c.sd()).isZero();
        assertThat(c.ciLow()).isZero();
        assertThat(c.ciHigh()).isZero();
        assertThat(c.ciExcludesZero()).isFalse();
        assertThat(c.tTestP()).isNaN();
        assertThat(c.wilcoxonP()).isNaN();
    }

    @Test
    void differencesAreACopy() {
        double[] candidate = CAND5.clone();
        PairedComparison c = PairedComparison.of(candidate, REF5);
        double first = c.differences()[0];

        candidate[0] = 0;
        c.differences()[0] = 42;

        assertThat(c.differences()[0]).isEqualTo(first);
        assertThat(c).isEqualTo(PairedComparison.of(CAND5, REF5));
    }

    @Test
    void malformedInputIsRejected() {
        assertThatThrownBy(() -> PairedComparison.of(new double[] {0.97}, new double[] {0.97, 0.96}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PairedComparison.of(new double[] {Double.NEGATIVE_INFINITY}, new double[] {0.97}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
