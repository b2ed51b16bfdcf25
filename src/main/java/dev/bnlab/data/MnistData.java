package dev.bnlab.data;

import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A data folder whose four MNIST files were verified, and the DL4J iterators over it.
 * Pixels come from DL4J in [0, 1]; {@link MnistNormalizer} maps them to [-1, 1] like the notebook.
 */
public record MnistData(Path directory, List<VerifiedFile> files) {

    /** Training batches: a seeded shuffle, reshuffled by every {@code reset()}; {@code examples} of the 60,000. */
    public MnistDataSetIterator trainIterator(int batchSize, int examples, long seed) throws IOException {
        MnistDataSetIterator it = new MnistDataSetIterator(batchSize, examples, false, true, true, seed,
                directory.toFile());
        it.setPreProcessor(new MnistNormalizer());
        return it;
    }

    /** Test batches in file order: the first {@code examples} of the 10,000 test images. */
    public MnistDataSetIterator testIterator(int batchSize, int examples) throws IOException {
        MnistDataSetIterator it = new MnistDataSetIterator(batchSize, examples, false, false, false, 0,
                directory.toFile());
        it.setPreProcessor(new MnistNormalizer());
        return it;
    }
}
