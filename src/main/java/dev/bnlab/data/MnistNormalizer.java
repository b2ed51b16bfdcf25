package dev.bnlab.data;

import dev.bnlab.spec.Hyperparameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.factory.Nd4j;

/** The notebook's {@code Normalize((0.5,), (0.5,))}: pixels in [0, 1] become (x - 0.5) / 0.5, in [-1, 1]. */
public final class MnistNormalizer implements DataSetPreProcessor {
    /** In words, for summary.json and {@code bnlab evaluate}. */
    public static final String DESCRIPTION = "pixel / 255 (as DL4J's MnistDataSetIterator gives it), then"
            + " (x - 0.5) / 0.5 = 2x - 1, in [-1, 1]";

    @Override
    public void preProcess(DataSet dataSet) {
        dataSet.getFeatures().muli(2.0).subi(1.0);
    }

    /**
     * The same scaling as DL4J's own class, to save with a model: a {@link NormalizerMinMaxScaler} onto [-1, 1]
     * whose every input ranges over [0, 1]. It computes {@code (x - 0) / 1 * 2 + (-1)}: in floating point exactly
     * {@code 2x - 1}, so a model evaluated with it sees bit for bit what BN Lab's runs saw.
     */
    public static NormalizerMinMaxScaler dl4jEquivalent() {
        NormalizerMinMaxScaler scaler = new NormalizerMinMaxScaler(-1, 1);
        scaler.setFeatureStats(Nd4j.zeros(DataType.FLOAT, 1, Hyperparameters.INPUTS),
                Nd4j.ones(DataType.FLOAT, 1, Hyperparameters.INPUTS));
        return scaler;
    }
}
