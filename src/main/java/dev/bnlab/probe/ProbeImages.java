package dev.bnlab.probe;

import dev.bnlab.data.MnistData;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;

/**
 * The probe images: the first N test images as one batch (pixels in [0, 1], as training sees them) and their
 * labels. The same for every run and every probe point; read-only once loaded, so runs share it.
 */
public record ProbeImages(INDArray features, int[] labels) {

    public ProbeImages {
        if (features.rows() != labels.length) {
            throw new IllegalArgumentException(features.rows() + " images but " + labels.length + " labels");
        }
        labels = labels.clone();
    }

    public int size() {
        return labels.length;
    }

    public int label(int i) {
        return labels[i];
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    public static ProbeImages load(MnistData data, int examples) throws IOException {
        MnistDataSetIterator test = data.testIterator(examples, examples);
        try {
            DataSet batch = test.next();
            INDArray labels = batch.getLabels().argMax(1);
            int[] y = labels.toIntVector();
            return new ProbeImages(batch.getFeatures().detach(), y);
        } finally {
            test.close();
        }
    }
}
