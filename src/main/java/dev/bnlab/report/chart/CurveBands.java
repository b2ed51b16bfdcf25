package dev.bnlab.report.chart;


import java.util.Arrays;
import java.util.List;

/**
 * Mean and band of several curves (one per seed), index by index. Curves may differ in length (a run that
 * diverged stops early) and may hold NaN or infinite values; at each index only the curves with a finite
 * value there count. The result is as long as the longest curve.
 * <ul>
 *     <li>count 0: mean, low and high are NaN;</li>
 *     <li>count 1: the band collapses to that one value (low = mean = high);</li>
 *     <li>{@link BandKind#MIN_MAX}: the lowest and highest value;</li>
 *     <li>{@link BandKind#SD}: mean ± sample standard deviation (divisor n − 1);</li>
 *     <li>{@link BandKind#CI95}: mean ± t(0.975, n − 1) · sd / √n with Student's t from Commons Math.</li>
 * </ul>
 * Immutable: the array accessors return copies; the indexed accessors read without copying.
 */
public final class CurveBands {
    private final BandKind kind;
    private final int[] count;
    private final double[] mean;
    private final double[] low;
    private final double[] high;

    private CurveBands(BandKind kind, int[] count, double[] mean, double[] low, double[] high) {
        this.kind = kind;
        this.count = count;
        this.mean = mean;
        this.low = low;
        this.high = high;
    }

    public static CurveBands of(List<float[]> curves, BandKind kind) {
        if (kind == null) {
            throw new IllegalArgumentException("band kind is null");
        }
        int length = 0;
        for (float[] c : curves) {
            length = Math.max(length, c.length);
        }
        int[] count = new int[length];
        double[] sum = new double[length];
        double[] min = new double[length];
        double[] max = new double[length];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (float[] c : curves) {
            for (int i = 0; i < c.length; i++) {
                float v = c[i];
                if (Float.isFinite(v)) {
                    count[i]++;
                    sum[i] += v;
                    min[i] = Math.min(min[i], v);
                    max[i] = Math.max(max[i], v);
                }
            }
        }
        double[] mean = new double[length];
        for (int i = 0; i < length; i++) {
            mean[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        }
        double[] low = new double[length];
        double[] high = new double[length];
        if (kind == BandKind.MIN_MAX) {
            for (int i = 0; i < length; i++) {
                low[i] = count[i] == 0 ? Double.NaN : min[i];
                high[i] = count[i] == 0 ? Double.NaN : max[i];
            }
            return new CurveBands(kind, count, mean, low, high);
        }
        // two passes (mean first, then squared deviations) for accuracy
        double[] squares = new double[length];
        for (float[] c : curves) {
            for (int i = 0; i < c.length; i++) {
                float v = c[i];
                if (Float.isFinite(v)) {
                    double d = v - mean[i];
                    squares[i] += d * d;
                }
            }
        }
        double[] tQuantiles = new double[curves.size() + 1]; // by n; 0 = not computed yet
        for (int i = 0; i < length; i++) {
            int n = count[i];
            if (n == 0) {
                low[i] = Double.NaN;
                high[i] = Double.NaN;
                continue;
            }
            if (n == 1) {
                low[i] = mean[i];
                high[i] = mean[i];
                continue;
            }
            double sd = Math.sqrt(squares[i] / (n - 1));
            double half;
            if (kind == BandKind.SD) {
                half = sd;
            } else {
                if (tQuantiles[n] == 0) {
                    tQuantiles[n] = dev.bnlab.analysis.StudentT.critical95(n - 1); // tested against scipy in SampleSummaryTest
                }
                half = tQuantiles[n] * sd / Math.sqrt(n);
            }
            low[i] = mean[i] - half;
            high[i] = mean[i] + half;
        }
        return new CurveBands(kind, count, mean, low, high);
    }

    public BandKind kind() {
        return kind;
    }

    /** Length of the longest curve. */
    public int size() {
        return count.length;
    }

    public int count(int i) {
        return count[i];
    }

    public double mean(int i) {
        return mean[i];
    }

    public double low(int i) {
        return low[i];
    }

    public double high(int i) {
        return high[i];
    }

    public int[] count() {
        return count.clone();
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] low() {
        return low.clone();
    }

    public double[] high() {
        return high.clone();
    }
}
