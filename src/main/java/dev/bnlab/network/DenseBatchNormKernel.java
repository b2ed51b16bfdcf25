package dev.bnlab.network;

/**
 * Batch normalization of one minibatch of dense float activations, training mode, as plain Java loops.
 * <p>
 * The input is {@code n} rows of {@code c} features, row-major. Statistics are per feature over the rows, summed
 * in float as DL4J's layer sums them, in two passes: a first mean, then the sums of deviations from it and of
 * their squares, which correct the mean and give the variance without cancellation. The variance is the biased
 * one, as DL4J's layer uses:
 * <pre>
 *   mean = sum x / n      var = sum (x - mean)^2 / n      xHat = (x - mean) / sqrt(var + eps)
 *   y = gamma xHat + beta
 *   dBeta = sum dy        dGamma = sum dy xHat
 *   dx = gamma / (n sqrt(var + eps)) (n dy - dBeta - xHat dGamma)
 * </pre>
 * Why Java loops: ND4J runs each of these steps as its own native op, and for a 64 x 512 batch an op's fixed
 * cost (op objects, shape buffers, a reduction along the strided dimension 0) is 50-400 µs while the
 * arithmetic is ~10 µs. Every loop here runs along a row, over consecutive floats, with one array per
 * per-feature quantity, so the JIT compiles it to SIMD instructions; xHat is not stored but recomputed from
 * the kept input in the backward pass. Per-feature factors are worked out in double.
 * <p>
 * An instance keeps its arrays between calls (one minibatch size at a time) and belongs to one layer, used by
 * one thread. {@link #input(int, int)} is where the caller puts the next minibatch.
 */
final class DenseBatchNormKernel {
    private int n;
    private int c;
    private float[] x = new float[0];
    private float[] dy = new float[0];
    private float[] out = new float[0];
    private float[] mean = new float[0];
    private float[] variance = new float[0];
    private float[] invStd = new float[0];
    private float[] dGamma = new float[0];
    private float[] dBeta = new float[0];
    private float[] a = new float[0];
    private float[] b = new float[0];
    private float[] k = new float[0];
    // one row at a time: loops that index every array from 0 are the ones JDK 17's C2 turns into SIMD code
    private float[] rowX = new float[0];
    private float[] rowY = new float[0];
    private float[] rowD = new float[0];

    /** The array to fill with the next minibatch (rows x features, row-major) before {@link #forward}. */
    float[] input(int rows, int features) {
        resize(rows, features);
        return x;
    }

    /** The array to fill with dL/dy (same shape as the last forward input) before {@link #backward}. */
    float[] outputGradient() {
        return dy;
    }

    /** Normalizes the minibatch in {@link #input}; returns y, valid until the next call. */
    float[] forward(float[] gamma, float[] beta, double eps) {
        final int n = this.n;
        final int c = this.c;
        final float[] x = this.x;
        final float[] mean = this.mean;
        final float[] variance = this.variance;
        final float[] rx = this.rowX;
        final float[] ry = this.rowY;
        FloatColumns.sum(x, n, c, rx, mean);
        java.util.Arrays.fill(variance, 0f);
        for (int j = 0; j < c; j++) {
            mean[j] /= n;
        }
        // second pass around that first estimate: the corrected mean, and the variance without cancellation
        final float[] shifted = this.b;
        java.util.Arrays.fill(shifted, 0f);
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * c, rx, 0, c);
            for (int j = 0; j < c; j++) {
                final float d = rx[j] - mean[j];
                shifted[j] += d;
                variance[j] += d * d;
            }
        }
        final float[] invStd = this.invStd;
        final float[] scale = this.a;
        for (int j = 0; j < c; j++) {
            double offset = (double) shifted[j] / n;
            double v = Math.max(0.0, (double) variance[j] / n - offset * offset);
            mean[j] = (float) (mean[j] + offset);
            variance[j] = (float) v;
            invStd[j] = (float) (1.0 / Math.sqrt(v + eps));
            scale[j] = gamma[j] * invStd[j];
        }
        // y = gamma (x - mean) invStd + beta
        final float[] out = this.out;
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * c, rx, 0, c);
            for (int j = 0; j < c; j++) {
                ry[j] = (rx[j] - mean[j]) * scale[j] + beta[j];
            }
            System.arraycopy(ry, 0, out, i * c, c);
        }
        return out;
    }

    /** dL/dx for the dL/dy in {@link #outputGradient()}; also fills {@link #dGamma()} and {@link #dBeta()}. */
    float[] backward(float[] gamma) {
        final int n = this.n;
        final int c = this.c;
        final float[] x = this.x;
        final float[] dy = this.dy;
        final float[] mean = this.mean;
        final float[] invStd = this.invStd;
        final float[] dBeta = this.dBeta;
        final float[] dGamma = this.dGamma; // first sum dy (x - mean), then times invStd
        final float[] rx = this.rowX;
        final float[] rg = this.rowY;
        java.util.Arrays.fill(dBeta, 0f);
        java.util.Arrays.fill(dGamma, 0f);
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * c, rx, 0, c);
            System.arraycopy(dy, i * c, rg, 0, c);
            for (int j = 0; j < c; j++) {
                dBeta[j] += rg[j];
                dGamma[j] += rg[j] * (rx[j] - mean[j]);
            }
        }
        // dx = gamma invStd / n (n dy - dBeta - xHat dGamma) = a dy - b - (x - mean) k
        final float[] a = this.a;
        final float[] b = this.b;
        final float[] k = this.k;
        for (int j = 0; j < c; j++) {
            dGamma[j] *= invStd[j];
            double s = (double) gamma[j] * invStd[j] / n;
            a[j] = (float) (s * n);
            b[j] = (float) (s * dBeta[j]);
            k[j] = (float) (s * dGamma[j] * invStd[j]);
        }
        final float[] out = this.out;
        final float[] rd = this.rowD;
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * c, rx, 0, c);
            System.arraycopy(dy, i * c, rg, 0, c);
            for (int j = 0; j < c; j++) {
                rd[j] = a[j] * rg[j] - b[j] - (rx[j] - mean[j]) * k[j];
            }
            System.arraycopy(rd, 0, out, i * c, c);
        }
        return out;
    }

    /** The batch mean of each feature, from the last forward call. */
    float[] mean() {
        return mean;
    }

    /** The batch's biased variance of each feature, from the last forward call. */
    float[] variance() {
        return variance;
    }

    float[] dGamma() {
        return dGamma;
    }

    float[] dBeta() {
        return dBeta;
    }

    int rows() {
        return n;
    }

    int features() {
        return c;
    }

    private void resize(int rows, int features) {
        n = rows;
        c = features;
        int length = Math.multiplyExact(rows, features);
        if (x.length != length) {
            x = new float[length];
            dy = new float[length];
            out = new float[length];
        }
        if (mean.length != features) {
            mean = new float[features];
            variance = new float[features];
            invStd = new float[features];
            dGamma = new float[features];
            dBeta = new float[features];
            a = new float[features];
            b = new float[features];
            k = new float[features];
            rowX = new float[features];
            rowY = new float[features];
            rowD = new float[features];
        }
    }
}
