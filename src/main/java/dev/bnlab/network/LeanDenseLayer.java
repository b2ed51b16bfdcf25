package dev.bnlab.experiment;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's {@link DenseLayer} configuration (same parameters, initialisation and serialisation), trained by
 * {@link LeanDenseLayerImpl}, which skips the matrix products DL4J's backward pass repeats.
 */
public class LeanDenseLayer extends DenseLayer {

    public LeanDenseLayer() {
        super();
    }

    /** A ReLU dense layer with {@code nOut} units (nIn comes from the input type). */
    public static LeanDenseLayer relu(int nOut) {
        LeanDenseLayer layer = new LeanDenseLayer();
        layer.setNOut(nOut);
        layer.setActivationFn(new ActivationReLU());
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return LayerWiring.wire(new LeanDenseLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public LeanDenseLayer clone() {
        return (LeanDenseLayer) super.clone();
    }
}
