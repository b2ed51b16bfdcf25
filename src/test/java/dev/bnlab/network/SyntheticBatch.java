package dev.bnlab.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** A seeded random minibatch: Gaussian features (scaled, shifted) and one-hot labels, as {features, labels}. */
final class SyntheticBatch {
    private SyntheticBatch() {
    }

    static INDArray[] of(long seed, int rows, int features, int classes, double scale, double shift) {
        Random random = new Random(seed);
        double[][] x = new double[rows][features];
        double[][] y = new double[rows][classes];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < features; j++) {
                x[i][j] = random.nextGaussian() * scale + shift;
            }
            y[i][random.nextInt(classes)] = 1;
        }
        return new INDArray[]{Nd4j.create(x), Nd4j.create(y)};
    }

    /** The same batch, features and labels cast to {@code type}. */
    static INDArray[] of(long seed, int rows, int features, int classes, double scale, double shift, DataType type) {
        INDArray[] b = of(seed, rows, features, classes, scale, shift);
        return new INDArray[]{b[0].castTo(type), b[1].castTo(type)};
    }
}
