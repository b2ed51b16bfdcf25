package dev.bnlab.probe;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Expected values from numpy 1.x/2.x {@code np.percentile(a, [15, 50, 85])} (method "linear"), shown per case. */
class PercentilesTest {

    @Test
    void matchesNumpyOnSmallArrays() {
        // np.percentile(np.array([3,1,4,1,5,9,2,6,5,3,5], np.float32), [15,50,85]) -> [1.5, 4.0, 5.5]
        assertThat(Percentiles.of(new float[]{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5}, Percentiles.PAPER))
                .containsExactly(1.5f, 4.0f, 5.5f);
        // np.percentile([2.5], [15,50,85]) -> [2.5, 2.5, 2.5]
        assertThat(Percentiles.of(new float[]{2.5f}, Percentiles.PAPER)).containsExactly(2.5f, 2.5f, 2.5f);
        // np.percentile([-1, 1], [0,15,50,85,100]) -> [-1.0, -0.7, 0.0, 0.7, 1.0]
        assertThat(Percentiles.of(new float[]{1, -1}, 0, 0.15, 0.5, 0.85, 1))
                .containsExactly(new float[]{-1f, -0.7f, 0f, 0.7f, 1f}, within(1e-6f));
    }

    @Test
    void matchesNumpyOnALargerArrayWithTies() {
        float[] a = new float[1001];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((i * 37) % 101) - 50 + 0.25f * (i % 4);
        }
        // a = np.array([((i*37)%101)-50+0.25*(i%4) for i in range(1001)], np.float32)
        // np.percentile(a, [15,50,85]) -> [-35.0, 0.25, 35.75]
        assertThat(Percentiles.of(a, Percentiles.PAPER)).containsExactly(-35.0f, 0.25f, 35.75f);
    }

    @Test
    void agreesWithSortingOnRandomData() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(3000);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextInt(4) == 0 ? random.nextInt(5) : (float) random.nextGaussian(); // many ties too
            }
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            double[] qs = {0.0, 0.15, 0.5, 0.85, 1.0};
            float[] got = Percentiles.of(v, qs);
            for (int k = 0; k < qs.length; k++) {
                double h = qs[k] * (n - 1);
                int lo = (int) Math.floor(h);
                double expected = lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
                assertThat((double) got[k]).as("n=%d q=%s", n, qs[k]).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void aRangeIsMeasuredAloneAndNanOrEmptyGiveNan() {
        float[] v = {100, 1, 2, 3, -100};
        assertThat(Percentiles.ofRange(v, 1, 4, new double[]{0.5})).containsExactly(2f);
        assertThat(Percentiles.of(new float[]{1, Float.NaN, 3}, 0.5)).containsExactly(Float.NaN);
        assertThat(Percentiles.ofRange(new float[0], 0, 0, new double[]{0.5})).containsExactly(Float.NaN);
        assertThatThrownBy(() -> Percentiles.of(new float[]{1}, 0.9, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
