package dev.bnlab.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic-looking MNIST minibatch loss for the chart tests and samples: starts near ln 10 ≈ 2.3, falls fast
 * in the first few hundred iterations and then slowly towards ~0.1, with multiplicative minibatch noise that grows as the loss falls; each
 * seed trains a little faster or slower.
 */
final class SyntheticLoss {
    static final int ITERATIONS_PER_EPOCH = 469; // 60,000 images / batch 128

    private SyntheticLoss() {
    }

    /** speed: 1 = plain network, larger = faster (e.g. with BN). */
    static float[] curve(int iterations, double speed, long seed) {
        Random random = new Random(seed);
        double seedSpeed = speed * (1 + 0.12 * random.nextGaussian());
        float[] out = new float[iterations];
        for (int i = 0; i < iterations; i++) {
            double t = (i + 1) * seedSpeed;
            double mean = 0.06 + 1.55 * Math.exp(-t / 160) + 0.69 * Math.exp(-t / 1800);
            // minibatches barely differ while every prediction is near-uniform; later a few hard examples dominate
            double sigma = 0.03 + 0.3 * (1 - Math.min(1, mean / 2.3));
            out[i] = (float) (mean * Math.exp(sigma * random.nextGaussian() - 0.5 * sigma * sigma));
        }
        return out;
    }

    static List<float[]> seeds(int count, int iterations, double speed, long firstSeed) {
        List<float[]> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            out.add(curve(iterations, speed, firstSeed + 31L * s));
        }
        return out;
    }

    static int[] epochEnds(int epochs) {
        int[] ends = new int[epochs];
        for (int e = 0; e < epochs; e++) {
            ends[e] = (e + 1) * ITERATIONS_PER_EPOCH;
        }
        return ends;
    }
}
