package dev.bnlab.spec;

import java.util.List;

/**
 * Everything every network of an experiment shares: architecture, initialisation, optimiser, data and the
 * first seed. {@code seed} is the first seed of an experiment; in a {@link RunSpec} it is that run's seed.
 */
public record Hyperparameters(List<Integer> hiddenUnits, HiddenActivation activation, WeightInitScheme weightInit,
                              Optimizer optimizer, double learningRate, double momentum, int batchSize, int epochs,
                              int trainExamples, int testExamples, long seed) {

    public static final int MNIST_TRAIN = 60_000;
    public static final int MNIST_TEST = 10_000;
    public static final int INPUTS = 28 * 28;
    public static final int CLASSES = 10;

    public Hyperparameters {
        hiddenUnits = List.copyOf(hiddenUnits);
    }

    public int iterationsPerEpoch() {
        return (trainExamples + batchSize - 1) / batchSize;
    }

    public int totalIterations() {
        return iterationsPerEpoch() * epochs;
    }

    /** "784-512-256-10". */
    public String architecture() {
        StringBuilder s = new StringBuilder(Integer.toString(INPUTS));
        hiddenUnits.forEach(u -> s.append('-').append(u));
        return s.append('-').append(CLASSES).toString();
    }

    public Hyperparameters withHiddenUnits(List<Integer> v) {
        return new Hyperparameters(v, activation, weightInit, optimizer, learningRate, momentum, batchSize, epochs, trainExamples, testExamples, seed);
    }

    public Hyperparameters withActivation(HiddenActivation v) {
        return new Hyperparameters(hiddenUnits, v, weightInit, optimizer, learningRate, momentum, batchSize, epochs, trainExamples, testExamples, seed);
    }

    public Hyperparameters withWeightInit(WeightInitScheme v) {
        return new Hyperparameters(hiddenUnits, activation, v, optimizer, learningRate, momentum, batchSize, epochs, trainExamples, testExamples, seed);
    }

    public Hyperparameters withOptimizer(Optimizer v) {
        return new Hyperparameters(hiddenUnits, activation, weightInit, v, learningRate, momentum, batchSize, epochs, trainExamples, testExamples, seed);
    }

    public Hyperparameters withLearningRate(double v) {
        return new Hyperparameters(hiddenUnits, activation, weightInit, optimizer, v, momentum, batchSize, epochs, trainExamples, testExamples, seed);
    }

    public Hyperparameters withMomentum(double v) {
        return new Hyperparameters(hiddenUnits, activation, weightInit, optimizer, learningRate, v, batchSize, epochs, trainExamples, testExamples, seed);
    }

    public Hyperparameters withBatchSize(int v) {
        return new Hyperparameters(hiddenUnits, activation, weightInit, optimizer, learningRate, momentum, v, epochs, trainExamples, testExamples, seed);
    }

    public Hyperparameters withEpochs(int v) {
        return new Hyperparameters(hiddenUnits, activation, weightInit, optimizer, learningRate, momentum, batchSize, v, trainExamples, testExamples, seed);
    }

    public Hyperparameters withTrainExamples(int v) {
        return new Hyperparameters(hiddenUnits, activation, weightInit, optimizer, learningRate, momentum, batchSize, epochs, v, testExamples, seed);
    }

    public Hyperparameters withTestExamples(int v) {
        return new Hyperparameters(hiddenUnits, activation, weightInit, optimizer, learningRate, momentum, batchSize, epochs, trainExamples, v, seed);
    }

    public Hyperparameters withSeed(long v) {
        return new Hyperparameters(hiddenUnits, activation, weightInit, optimizer, learningRate, momentum, batchSize, epochs, trainExamples, testExamples, v);
    }
}
