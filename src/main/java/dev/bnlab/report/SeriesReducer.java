package dev.bnlab.report;

/**
 * Reduces a long series to about one point per pixel for drawing, keeping each bucket's minimum and
 * maximum so spikes stay visible. The full series is never changed.
 */
public final class SeriesReducer {
    private SeriesReducer() {
    }

    /** One bucket: x range [firstIndex, lastIndex] (0-based), and the min, max and last finite value in it. */
    public record Bucket(int firstIndex, int lastIndex, float min, float max, float last) {
    }

    public static Bucket[] reduce(float[] values, int buckets) {
        if (values.length == 0 || buckets <= 0) {
            return new Bucket[0];
        }
        int n = Math.min(buckets, values.length);
        Bucket[] out = new Bucket[n];
        int count = 0;
        for (int b = 0; b < n; b++) {
            int from = (int) ((long) b * values.length / n);
            int to = (int) ((long) (b + 1) * values.length / n) - 1;
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            float last = Float.NaN;
            for (int i = from; i <= to; i++) {
                float v = values[i];
                if (Float.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    last = v;
                }
            }
            if (Float.isFinite(last)) {
                out[count++] = new Bucket(from, to, min, max, last);
            }
        }
        return count == n ? out : java.util.Arrays.copyOf(out, count);
    }
}
