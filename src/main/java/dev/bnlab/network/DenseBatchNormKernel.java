package dev.bnlab.network;

/**
 * Batch normalization of one minibatch of dense activations, training mode, as plain Java loops.
 * <p>
 * The input is {@code n} rows of {@code c} features, row-major. Statistics are per feature over the rows, in
 * double precision, in one pass ({@code var = E[x^2] - mean^2}; DL4J's layer takes ND4J's float {@code var} op).
 * The variance is the biased one, as DL4J's layer uses:
 * <pre>
 *   mean = sum x / n      var = sum (x - mean)^2 / n      xHat = (x - mean) / sqrt(var + eps)
 *   y = gamma xHat + beta
 *   dBeta = sum dy        dGamma = sum dy xHat
 *   dx = gamma / (n sqrt(var + eps)) (n dy - dBeta - xHat dGamma)
 * </pre>
 * Why Java loops: ND4J runs each of these steps as its own native op, and for a 64 x 512 batch an op's fixed
 * cost (op objects, shape buffers, a reduction along the strided dimension 0) is 50-400 µs while the
 * arithmetic is ~10 µs. The whole layer step here is a few passes over 32,768 numbers.
 * <p>
 * An instance keeps its scratch arrays between calls (one minibatch size at a time) and belongs to one layer,
 * used by one thread.
 */
final class DenseBatchNormKernel {
    private int n;
    private int c;
    private double[] xHat = new double[0];
    private double[] out = new double[0];
    private double[] mean = new double[0];
    private double[] variance = new double[0];
    private double[] invStd = new double[0];
    private double[] dGamma = new double[0];
    private double[] dBeta = new double[0];
    private double[] scale = new double[0];
    private double[] shift = new double[0];
    private double[] slope = new double[0];

    /** Normalizes {@code x} (n x c, row-major); returns y, valid until the next call. Keeps what backward needs. */
    double[] forward(double[] x, int rows, int features, double[] gamma, double[] beta, double eps) {
        resize(rows, features);
        final int n = rows;
        final int c = features;
        final double[] mean = this.mean;
        final double[] sum = this.dBeta; // scratch, overwritten by backward
        final double[] squares = this.dGamma; // scratch, overwritten by backward
        columnSums(x, x, n, c, sum, squares);
        // one pass: var = E[x^2] - mean^2, in double from float activations (relative error ~1e-16 x^2/var)
        final double[] variance = this.variance;
        final double[] invStd = this.invStd;
        final double[] scale = this.scale;
        final double[] shift = this.shift;
        for (int j = 0; j < c; j++) {
            mean[j] = sum[j] / n;
            variance[j] = Math.max(0.0, squares[j] / n - mean[j] * mean[j]);
            invStd[j] = 1.0 / Math.sqrt(variance[j] + eps);
            scale[j] = gamma[j] * invStd[j];
            shift[j] = beta[j] - mean[j] * scale[j];
        }
        // xHat = (x - mean) invStd; y = gamma xHat + beta = x scale + shift
        final double[] xHat = this.xHat;
        final double[] out = this.out;
        for (int i = 0; i < n; i++) {
            final int row = i * c;
            for (int j = 0; j < c; j++) {
                final double v = x[row + j];
                xHat[row + j] = (v - mean[j]) * invStd[j];
                out[row + j] = v * scale[j] + shift[j];
            }
        }
        return out;
    }

    /** dL/dx for dL/dy {@code dy} of the last forward call; also fills {@link #dGamma()} and {@link #dBeta()}. */
    double[] backward(double[] dy, double[] gamma) {
        final int n = this.n;
        final int c = this.c;
        final double[] dBeta = this.dBeta;
        final double[] dGamma = this.dGamma;
        final double[] xHat = this.xHat;
        columnSums(dy, xHat, n, c, dBeta, dGamma);
        // dx = gamma invStd / n (n dy - dBeta - xHat dGamma) = a dy - b - xHat c'
        final double[] a = this.scale;
        final double[] b = this.shift;
        final double[] k = this.slope;
        for (int j = 0; j < c; j++) {
            double s = gamma[j] * invStd[j] / n;
            a[j] = s * n;
            b[j] = s * dBeta[j];
            k[j] = s * dGamma[j];
        }
        final double[] out = this.out;
        for (int i = 0; i < n; i++) {
            final int row = i * c;
            for (int j = 0; j < c; j++) {
                out[row + j] = a[j] * dy[row + j] - b[j] - xHat[row + j] * k[j];
            }
        }
        return out;
    }

    /** Per column j of the n x c row-major {@code a} and {@code b}: {@code sumA[j] = sum a}, {@code sumAB[j] = sum a b}. */
    private static void columnSums(double[] a, double[] b, int n, int c, double[] sumA, double[] sumAB) {
        java.util.Arrays.fill(sumA, 0, c, 0.0);
        java.util.Arrays.fill(sumAB, 0, c, 0.0);
        for (int i = 0; i < n; i++) {
            final int row = i * c;
            for (int j = 0; j < c; j++) {
                final double v = a[row + j];
                sumA[j] += v;
                sumAB[j] += v * b[row + j];
            }
        }
    }

    /** The batch mean of each feature, from the last forward call. */
    double[] mean() {
        return mean;
    }

    /** The batch's biased variance of each feature, from the last forward call. */
    double[] variance() {
        return variance;
    }

    double[] dGamma() {
        return dGamma;
    }

    double[] dBeta() {
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
        if (xHat.length != length) {
            xHat = new double[length];
            out = new double[length];
        }
        if (mean.length != features) {
            mean = new double[features];
            variance = new double[features];
            invStd = new double[features];
            dGamma = new double[features];
            dBeta = new double[features];
            scale = new double[features];
            shift = new double[features];
            slope = new double[features];
        }
    }
}
