package dev.bnlab.analysis;

import org.junit.jupiter.api.Test;

import static dev.bnlab.analysis.Fixtures.CAND10;
import static dev.bnlab.analysis.Fixtures.REF5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Reference numbers from scipy 1.17.1 / numpy 2.4.6 (Python 3.11), computed independently of this code. */
class SampleSummaryTest {
    private static final double TIGHT = 1e-12;
    private static final double CI = 1e-9;

    @Test
    void fiveSeedsUseStudentT() {
        // python3 -c "import numpy as np; from scipy import stats; x=np.array([9696,9704,9689,9712,9701])/1e4;
        //   print(repr(x.mean()), repr(x.std(ddof=1)), repr(stats.t.ppf(0.975,4)),
        //   stats.t.interval(0.95,4,loc=x.mean(),scale=stats.sem(x)))"   (scipy 1.17.1)
        // -> 0.97004 0.0008619744775803887 2.7764451051977934 (0.968969717323818, 0.971110282676182)
        SampleSummary s = SampleSummary.of(REF5);

        assertThat(s.n()).isEqualTo(5);
        assertThat(s.mean()).isCloseTo(0.97004, within(TIGHT));
        assertThat(s.sd()).isCloseTo(0.0008619744775803887, within(TIGHT));
        assertThat(s.ciLow()).isCloseTo(0.968969717323818, within(CI));
        assertThat(s.ciHigh()).isCloseTo(0.971110282676182, within(CI));
        // the multiplier is t(0.975, 4) = 2.776, not 1.96
        assertThat(s.halfWidth() / (s.sd() / Math.sqrt(5))).isCloseTo(2.7764451051977934, within(1e-9));
    }

    @Test
    void tenSeeds() {
        // python3 -c "import numpy as np; from scipy import stats;
        //   x=np.array([9727,9716,9689,9737,9689,9738,9699,9718,9729,9733])/1e4;
        //   print(repr(x.mean()), repr(x.std(ddof=1)), stats.t.interval(0.95,9,loc=x.mean(),scale=stats.sem(x)))"
        //   (scipy 1.17.1) -> 0.9717499999999999 0.0018951692976266563 (0.9703942775549591, 0.9731057224450407)
        SampleSummary s = SampleSummary.of(CAND10);

        assertThat(s.n()).isEqualTo(10);
        assertThat(s.mean()).isCloseTo(0.9717499999999999, within(TIGHT));
        assertThat(s.sd()).isCloseTo(0.0018951692976266563, within(TIGHT));
        assertThat(s.ciLow()).isCloseTo(0.9703942775549591, within(CI));
        assertThat(s.ciHigh()).isCloseTo(0.9731057224450407, within(CI));
    }

    @Test
    void criticalValuesMatchScipy() {
        // python3 -c "from scipy import stats; print([repr(stats.t.ppf(0.975,df)) for df in (1,4,9,30,100)])"
        //   (scipy 1.17.1) -> 12.706204736174694 2.7764451051977934 2.262157162798205 2.0422724563012378
        //   1.9839715185235518
        assertThat(StudentT.critical95(1)).isCloseTo(12.706204736174694, within(1e-9));
        assertThat(StudentT.critical95(4)).isCloseTo(2.7764451051977934, within(1e-10));
        assertThat(StudentT.critical95(9)).isCloseTo(2.262157162798205, within(1e-10));
        assertThat(StudentT.critical95(30)).isCloseTo(2.0422724563012378, within(1e-10));
        assertThat(StudentT.critical95(100)).isCloseTo(1.9839715185235518, within(1e-10));
    }

    @Test
    void nanMeansNoAccuracyAndIsLeftOut() {
        double[] withGaps = {0.9696, Double.NaN, 0.9704, 0.9689, Double.NaN, 0.9712, 0.9701};

        assertThat(SampleSummary.of(withGaps)).isEqualTo(SampleSummary.of(REF5));
    }

    @Test
    void oneValueHasAMeanButNoSpreadAndNoInterval() {
        SampleSummary s = SampleSummary.of(new double[] {Double.NaN, 0.9733});

        assertThat(s.n()).isEqualTo(1);
        assertThat(s.mean()).isEqualTo(0.9733);
        assertThat(s.sd()).isNaN();
        assertThat(s.ciLow()).isNaN();
        assertThat(s.ciHigh()).isNaN();
        assertThat(s.halfWidth()).isNaN();
    }

    @Test
    void noValuesGiveNaN() {
        for (double[] none : new double[][] {{}, {Double.NaN, Double.NaN}}) {
            SampleSummary s = SampleSummary.of(none);
            assertThat(s.n()).isZero();
            assertThat(s.mean()).isNaN();
            assertThat(s.sd()).isNaN();
            assertThat(s.ciLow()).isNaN();
        }
    }

    @Test
    void equalValuesGiveAZeroWidthInterval() {
        SampleSummary s = SampleSummary.of(new double[] {0.97, 0.97, 0.97});

        assertThat(s.sd()).isZero();
        assertThat(s.ciLow()).isEqualTo(0.97);
        assertThat(s.ciHigh()).isEqualTo(0.97);
    }

    @Test
    void infinityIsRejected() {
        assertThatThrownBy(() -> SampleSummary.of(new double[] {0.97, Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
