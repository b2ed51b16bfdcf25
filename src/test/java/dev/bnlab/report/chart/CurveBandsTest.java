package dev.bnlab.report.chart;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Reference numbers computed with Python 3 / NumPy / SciPy 1.17.1 on the same float32 values:
 * {@code v.mean()}, {@code v.std(ddof=1)}, {@code scipy.stats.t.ppf(0.975, n - 1)}, half width t·sd/√n.
 */
class CurveBandsTest {
    private static final float NAN = Float.NaN;

    /**
     * Five curves of different lengths with NaN and an infinity: index 0 has 5 values, 1 has 3 (the infinity does
     * not count), 2 has 3, 3 has 2, 4 has none, 5 has one.
     */
    private static final List<float[]> CURVES = List.of(
            new float[]{1, 2, 3, 5},
            new float[]{2, 2.5f, NAN, 6, NAN},
            new float[]{3, 4, 1, NAN, NAN, 7},
            new float[]{4, Float.POSITIVE_INFINITY, 2},
            new float[]{6});

    @Test
    void countsOnlyFiniteValuesOfTheCurvesThatReachAnIndex() {
        CurveBands b = CurveBands.of(CURVES, BandKind.MIN_MAX);
        assertThat(b.size()).isEqualTo(6);
        assertThat(b.count()).containsExactly(5, 3, 3, 2, 0, 1);
        assertThat(b.mean()).containsExactly(new double[]{3.2, 2.833333333, 2.0, 5.5, Double.NaN, 7.0}, within(1e-8));
    }

    @Test
    void minMaxBandIsTheLowestAndHighestValue() {
        CurveBands b = CurveBands.of(CURVES, BandKind.MIN_MAX);
        assertThat(b.low()).containsExactly(1, 2, 1, 5, Double.NaN, 7);
        assertThat(b.high()).containsExactly(6, 4, 3, 6, Double.NaN, 7);
        assertThat(b.kind()).isEqualTo(BandKind.MIN_MAX);
    }

    @Test
    void sdBandIsMeanPlusMinusSampleStandardDeviation() {
        CurveBands b = CurveBands.of(CURVES, BandKind.SD);
        // sd (ddof=1): 1.923538406, 1.040833000, 1.0, 0.707106781; one value: no spread; none: NaN
        assertThat(b.low()).containsExactly(
                new double[]{1.276461594, 1.792500334, 1.0, 4.792893219, Double.NaN, 7.0}, within(1e-7));
        assertThat(b.high()).containsExactly(
                new double[]{5.123538406, 3.874166333, 3.0, 6.207106781, Double.NaN, 7.0}, within(1e-7));
    }

    @Test
    void ci95UsesStudentsTNotTheNormalQuantile() {
        CurveBands b = CurveBands.of(CURVES, BandKind.CI95);
        // n = 5: mean 3.2, sd 1.923538406, t(0.975, 4) = 2.776445105 -> half width 2.388388388
        // (with 1.96 it would be 1.686, so the band would end at 1.514 / 4.886)
        assertThat(b.low(0)).isCloseTo(0.811611612, within(1e-7));
        assertThat(b.high(0)).isCloseTo(5.588388388, within(1e-7));
        // n = 3: t(0.975, 2) = 4.302652730; n = 2: t(0.975, 1) = 12.706204736
        assertThat(b.low()).containsExactly(
                new double[]{0.811611612, 0.247760827, -0.484137712, -0.853102368, Double.NaN, 7.0}, within(1e-7));
        assertThat(b.high()).containsExactly(
                new double[]{5.588388388, 5.418905840, 4.484137712, 11.853102368, Double.NaN, 7.0}, within(1e-7));
        assertThat(b.count(4)).isZero();
        assertThat(b.mean(4)).isNaN();
    }

    @Test
    void oneCurveCollapsesEveryBandToItsValues() {
        for (BandKind kind : BandKind.values()) {
            CurveBands b = CurveBands.of(List.of(new float[]{2.5f, NAN, 0.25f}), kind);
            assertThat(b.count()).containsExactly(1, 0, 1);
            assertThat(b.low()).containsExactly(2.5, Double.NaN, 0.25);
            assertThat(b.mean()).containsExactly(2.5, Double.NaN, 0.25);
            assertThat(b.high()).containsExactly(2.5, Double.NaN, 0.25);
        }
    }

    @Test
    void noCurvesGiveAnEmptyResultAndCopiesCannotChangeIt() {
        assertThat(CurveBands.of(List.of(), BandKind.SD).size()).isZero();
        CurveBands b = CurveBands.of(CURVES, BandKind.SD);
        b.mean()[0] = 99;
        b.count()[0] = 99;
        assertThat(b.mean(0)).isEqualTo(3.2, within(1e-12));
        assertThat(b.count(0)).isEqualTo(5);
    }

    @Test
    void bandLabels() {
        assertThat(BandKind.MIN_MAX.label()).isEqualTo("min–max");
        assertThat(BandKind.SD.label()).isEqualTo("±1 sd");
        assertThat(BandKind.CI95.label()).isEqualTo("95 % CI");
    }
}
