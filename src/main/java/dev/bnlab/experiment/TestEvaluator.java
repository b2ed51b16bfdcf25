package dev.bnlab.experiment;

import dev.bnlab.data.MnistData;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

import java.io.IOException;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;

/** Accuracy of a network on the first N test images (BN in inference mode), stoppable between batches. */
public final class TestEvaluator {
    private static final int BATCH = 500;

    private TestEvaluator() {
    }

    /** The accuracy, or empty when {@code stop} became true before the last batch. */
    public static OptionalDouble accuracy(MultiLayerNetwork network, MnistData data, int examples, BooleanSupplier stop)
            throws IOException {
        return accuracy(network, data.testIterator(BATCH, examples), stop);
    }

    /**
     * The same with {@code inputs} scaling the images instead of BN Lab's {@link dev.bnlab.data.MnistNormalizer}:
     * e.g. the normalizer saved with a model.
     */
    public static double accuracy(MultiLayerNetwork network, MnistData data, int examples, DataSetPreProcessor inputs)
            throws IOException {
        MnistDataSetIterator test = data.testIterator(BATCH, examples);
        test.setPreProcessor(inputs);
        return accuracy(network, test, () -> false).orElseThrow();
    }

    private static OptionalDouble accuracy(MultiLayerNetwork network, MnistDataSetIterator test, BooleanSupplier stop) {
        try {
            Evaluation evaluation = new Evaluation(dev.bnlab.spec.Hyperparameters.CLASSES);
            while (test.hasNext()) {
                if (stop.getAsBoolean()) {
                    return OptionalDouble.empty();
                }
                DataSet batch = test.next();
                evaluation.eval(batch.getLabels(), network.output(batch.getFeatures(), false));
            }
            return OptionalDouble.of(evaluation.accuracy());
        } finally {
            test.close(); // closes the MNIST files it opened
        }
    }
}
