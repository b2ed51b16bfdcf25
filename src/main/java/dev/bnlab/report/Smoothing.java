package dev.bnlab.report;

/**
 * TensorBoard's exponential moving average with de-biasing: the first smoothed value equals the first raw
 * value, and weight 0 returns the raw curve. Non-finite values are carried over, never averaged in.
 */
public final class Smoothing {
    private Smoothing() {
    }

    public static float[] ema(float[] values, double weight) {
        if (weight < 0 || weight >= 1) {
            throw new IllegalArgumentException("smoothing weight must be in [0, 1), got " + weight);
        }
        float[] out = new float[values.length];
        double last = 0;
        int accumulated = 0;
        float previous = Float.NaN;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (!Float.isFinite(v)) {
                out[i] = previous;
                continue;
            }
            last = last * weight + (1 - weight) * v;
            accumulated++;
            double debias = 1 - Math.pow(weight, accumulated);
            previous = (float) (last / debias);
            out[i] = previous;
        }
        return out;
    }
}
