package dev.bnlab.network;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's {@link BatchNormalization} layer configuration (same parameters, defaults and serialisation),
 * trained by {@link LeanBatchNormalizationLayer}: the same batch-norm maths for dense inputs, as a few Java
 * loops instead of ~40 ND4J operations. See {@link LeanBatchNormalizationLayer} for why that matters.
 */
public class LeanBatchNormalization extends BatchNormalization {

    public LeanBatchNormalization() {
        super();
        setUseLogStd(false); // running variance stored as variance: the same estimate, fewer ops per step
    }

    public LeanBatchNormalization(long nOut) {
        this();
        setNIn(nOut);
        setNOut(nOut);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return LayerWiring.wire(new LeanBatchNormalizationLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public LeanBatchNormalization clone() {
        return (LeanBatchNormalization) super.clone();
    }
}
