package dev.bnlab.data;

import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/** The notebook's {@code Normalize((0.5,), (0.5,))}: pixels in [0, 1] become (x - 0.5) / 0.5, in [-1, 1]. */
public final class MnistNormalizer implements DataSetPreProcessor {
    @Override
    public void preProcess(DataSet dataSet) {
        dataSet.getFeatures().muli(2.0).subi(1.0);
    }
}
