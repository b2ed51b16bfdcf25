package dev.bnlab.experiment;

import dev.bnlab.data.MnistData;
import dev.bnlab.spec.Hyperparameters;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;

/**
 * Where a run's minibatches come from: by default DL4J's {@code MnistDataSetIterator} over the verified files,
 * shuffled with the run's seed, so the variants of one seed get the same minibatches in the same order.
 * Tests wrap it to watch the batches each run receives.
 */
@FunctionalInterface
public interface TrainingBatches {
    /** A fresh iterator over the training batches for {@code h} (its seed, batch size and examples). */
    DataSetIterator open(Hyperparameters h) throws IOException;

    static TrainingBatches mnist(MnistData data) {
        return h -> data.trainIterator(h.batchSize(), h.trainExamples(), h.seed());
    }
}
