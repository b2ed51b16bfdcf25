package dev.bnlab.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The float kernel against the textbook formulas evaluated here in double (an independent implementation),
 * and those formulas' gradient against central finite differences.
 */
class DenseBatchNormKernelTest {
    private static final double EPS = 1e-5;

    /** Textbook BN in double: {y, dx, dGamma, dBeta, mean, var} for x (n x c row-major) and dL/dy. */
    private static double[][] reference(double[] x, double[] dy, int n, int c, double[] gamma, double[] beta) {
        double[] y = new double[n * c];
        double[] dx = new double[n * c];
        double[] dGamma = new double[c];
        double[] dBeta = new double[c];
        double[] mean = new double[c];
        double[] var = new double[c];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < n; i++) {
                mean[j] += x[i * c + j] / n;
            }
            for (int i = 0; i < n; i++) {
                var[j] += (x[i * c + j] - mean[j]) * (x[i * c + j] - mean[j]) / n;
            }
            double std = Math.sqrt(var[j] + EPS);
            double[] xHat = new double[n];
            for (int i = 0; i < n; i++) {
                xHat[i] = (x[i * c + j] - mean[j]) / std;
                y[i * c + j] = gamma[j] * xHat[i] + beta[j];
                dBeta[j] += dy[i * c + j];
                dGamma[j] += dy[i * c + j] * xHat[i];
            }
            for (int i = 0; i < n; i++) {
                dx[i * c + j] = gamma[j] / (n * std) * (n * dy[i * c + j] - dBeta[j] - xHat[i] * dGamma[j]);
            }
        }
        return new double[][]{y, dx, dGamma, dBeta, mean, var};
    }

    private static double[] floats(Random random, int length, double scale, double shift) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) (random.nextGaussian() * scale + shift); // exactly representable in float
        }
        return v;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static void assertClose(float[] actual, double[] expected, int length, double relative, String what) {
        double largest = 0;
        double worst = 0;
        for (int i = 0; i < length; i++) {
            largest = Math.max(largest, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(largest).as(what).isGreaterThan(0);
        assertThat(worst).as(what).isLessThan(relative * largest);
    }

    @ParameterizedTest
    @CsvSource({"64, 512, 1.0, 0.8", "17, 13, 3.0, -2.0", "1, 9, 1.0, 0.0", "60, 100, 0.05, 2.0"})
    void floatKernelAgreesWithTheFormulasInDouble(int n, int c, double scale, double shift) {
        Random random = new Random(n * 1000L + c);
        double[] x = floats(random, n * c, scale, shift);
        double[] dy = floats(random, n * c, 1e-2, 0);
        double[] gamma = floats(random, c, 0.3, 1);
        double[] beta = floats(random, c, 0.3, 0);
        double[][] expected = reference(x, dy, n, c, gamma, beta);

        DenseBatchNormKernel kernel = new DenseBatchNormKernel();
        for (int round = 0; round < 2; round++) { // the second call reuses the arrays
            System.arraycopy(toFloat(x), 0, kernel.input(n, c), 0, n * c);
            float[] y = kernel.forward(toFloat(gamma), toFloat(beta), EPS);
            assertClose(y, expected[0], n * c, 1e-5, "y");
            assertClose(kernel.mean(), expected[4], c, 1e-6, "mean");
            if (n > 1) {
                assertClose(kernel.variance(), expected[5], c, 1e-5, "variance");
            }
            System.arraycopy(toFloat(dy), 0, kernel.outputGradient(), 0, n * c);
            float[] dx = kernel.backward(toFloat(gamma));
            assertClose(kernel.dBeta(), expected[3], c, 1e-5, "dBeta");
            if (n > 1) {
                assertClose(dx, expected[1], n * c, 1e-4, "dx");
                assertClose(kernel.dGamma(), expected[2], c, 1e-4, "dGamma");
            }
        }
    }

    /** One kernel, as one layer sees them: full minibatches, then the epoch's smaller last one, then full again. */
    @Test
    void aKernelFollowsTheMinibatchSize() {
        DenseBatchNormKernel kernel = new DenseBatchNormKernel();
        int c = 40;
        Random random = new Random(5);
        double[] gamma = floats(random, c, 0.3, 1);
        double[] beta = floats(random, c, 0.3, 0);
        for (int n : new int[]{64, 17, 64}) {
            double[] x = floats(random, n * c, 1.5, 0.5);
            double[] dy = floats(random, n * c, 1e-2, 0);
            double[][] expected = reference(x, dy, n, c, gamma, beta);
            System.arraycopy(toFloat(x), 0, kernel.input(n, c), 0, n * c);
            assertClose(kernel.forward(toFloat(gamma), toFloat(beta), EPS), expected[0], n * c, 1e-5, "y, n = " + n);
            assertThat(kernel.rows()).isEqualTo(n);
            System.arraycopy(toFloat(dy), 0, kernel.outputGradient(), 0, n * c);
            assertClose(kernel.backward(toFloat(gamma)), expected[1], n * c, 1e-4, "dx, n = " + n);
            assertClose(kernel.dGamma(), expected[2], c, 1e-4, "dGamma, n = " + n);
        }
    }

    /** The reference's dx, dGamma and dBeta are the derivatives of L = sum dy * y (central differences). */
    @Test
    void theReferenceGradientIsTheDerivative() {
        int n = 5;
        int c = 3;
        Random random = new Random(7);
        double[] x = floats(random, n * c, 1, 0.5);
        double[] dy = floats(random, n * c, 1, 0);
        double[] gamma = floats(random, c, 0.3, 1);
        double[] beta = floats(random, c, 0.3, 0);
        double[][] r = reference(x, dy, n, c, gamma, beta);
        double h = 1e-6;
        double[][] inputs = {x, gamma, beta};
        double[][] analytic = {r[1], r[2], r[3]};
        for (int which = 0; which < 3; which++) {
            double[] v = inputs[which];
            for (int i = 0; i < v.length; i++) {
                double keep = v[i];
                v[i] = keep + h;
                double up = loss(reference(x, dy, n, c, gamma, beta)[0], dy);
                v[i] = keep - h;
                double down = loss(reference(x, dy, n, c, gamma, beta)[0], dy);
                v[i] = keep;
                assertThat(analytic[which][i]).isCloseTo((up - down) / (2 * h), org.assertj.core.api.Assertions.within(1e-6));
            }
        }
    }

    private static double loss(double[] y, double[] dy) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i] * dy[i];
        }
        return sum;
    }
}
