package dev.bnlab.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything that defines an experiment. The defaults reproduce the seed notebook: 784-512-256-10 MLPs,
 * batch 64, SGD with momentum 0.9 (DL4J's Nesterovs) at learning rate 0.01, 3 epochs on all 60,000
 * training images, evaluated on all 10,000 test images.
 */
public record ExperimentConfig(int epochs, int batchSize, double learningRate, double momentum, long seed,
                               int trainExamples, int testExamples, List<Integer> hiddenUnits, List<RunSpec> runs) {

    public static final int MNIST_TRAIN = 60_000;
    public static final int MNIST_TEST = 10_000;
    public static final int MAX_EPOCHS = 1_000;

    public ExperimentConfig {
        hiddenUnits = List.copyOf(hiddenUnits);
        runs = List.copyOf(runs);
    }

    public static ExperimentConfig defaults() {
        return new ExperimentConfig(3, 64, 0.01, 0.9, 123, MNIST_TRAIN, MNIST_TEST, List.of(512, 256),
                RunSpec.notebookPair());
    }

    public int iterationsPerEpoch() {
        return (trainExamples + batchSize - 1) / batchSize;
    }

    public int totalIterations() {
        return iterationsPerEpoch() * epochs;
    }

    /** The settings a user edits, in the order the window and the command line show them. */
    public enum Setting {
        EPOCHS, BATCH_SIZE, LEARNING_RATE, MOMENTUM, SEED, TRAIN_EXAMPLES, TEST_EXAMPLES, ARCHITECTURE
    }

    /** Every setting outside its valid range, each with the range named; empty when the config is valid. */
    public List<String> problems() {
        return new ArrayList<>(problemsBySetting().values());
    }

    /** The same problems, keyed by the setting they concern: the window shows each next to its field. */
    public java.util.Map<Setting, String> problemsBySetting() {
        java.util.Map<Setting, String> p = new java.util.EnumMap<>(Setting.class);
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            p.put(Setting.EPOCHS, "epochs must be between 1 and " + MAX_EPOCHS + " (got " + epochs + ")");
        }
        int maxBatch = Math.max(1, Math.min(trainExamples, MNIST_TRAIN));
        if (batchSize < 1 || batchSize > maxBatch) {
            p.put(Setting.BATCH_SIZE, "batch size must be between 1 and " + maxBatch
                    + " (the number of training examples; got " + batchSize + ")");
        }
        if (!(learningRate > 0) || learningRate > 10 || Double.isNaN(learningRate)) {
            p.put(Setting.LEARNING_RATE, "learning rate must be greater than 0 and at most 10 (got " + learningRate + ")");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            p.put(Setting.MOMENTUM, "momentum must be at least 0 and less than 1 (got " + momentum + ")");
        }
        if (trainExamples < 1 || trainExamples > MNIST_TRAIN) {
            p.put(Setting.TRAIN_EXAMPLES, "train examples must be between 1 and " + MNIST_TRAIN + " (got " + trainExamples + ")");
        }
        if (testExamples < 1 || testExamples > MNIST_TEST) {
            p.put(Setting.TEST_EXAMPLES, "test examples must be between 1 and " + MNIST_TEST + " (got " + testExamples + ")");
        }
        if (hiddenUnits.isEmpty() || hiddenUnits.stream().anyMatch(u -> u < 1 || u > 8192) || runs.isEmpty()) {
            p.put(Setting.ARCHITECTURE, "hidden layers must have 1 to 8192 units each and there must be at least one run");
        }
        return p;
    }

    /** Throws {@link IllegalArgumentException} listing every problem, if there is any. */
    public ExperimentConfig validated() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", p));
        }
        return this;
    }

    public ExperimentConfig withEpochs(int v) {
        return new ExperimentConfig(v, batchSize, learningRate, momentum, seed, trainExamples, testExamples, hiddenUnits, runs);
    }

    public ExperimentConfig withBatchSize(int v) {
        return new ExperimentConfig(epochs, v, learningRate, momentum, seed, trainExamples, testExamples, hiddenUnits, runs);
    }

    public ExperimentConfig withLearningRate(double v) {
        return new ExperimentConfig(epochs, batchSize, v, momentum, seed, trainExamples, testExamples, hiddenUnits, runs);
    }

    public ExperimentConfig withMomentum(double v) {
        return new ExperimentConfig(epochs, batchSize, learningRate, v, seed, trainExamples, testExamples, hiddenUnits, runs);
    }

    public ExperimentConfig withSeed(long v) {
        return new ExperimentConfig(epochs, batchSize, learningRate, momentum, v, trainExamples, testExamples, hiddenUnits, runs);
    }

    public ExperimentConfig withTrainExamples(int v) {
        return new ExperimentConfig(epochs, batchSize, learningRate, momentum, seed, v, testExamples, hiddenUnits, runs);
    }

    public ExperimentConfig withTestExamples(int v) {
        return new ExperimentConfig(epochs, batchSize, learningRate, momentum, seed, trainExamples, v, hiddenUnits, runs);
    }

    public ExperimentConfig withRuns(List<RunSpec> v) {
        return new ExperimentConfig(epochs, batchSize, learningRate, momentum, seed, trainExamples, testExamples, hiddenUnits, v);
    }
}
