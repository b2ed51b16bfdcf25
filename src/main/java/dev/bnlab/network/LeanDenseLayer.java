package dev.bnlab.network;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
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

    /** A ReLU dense layer with bias and {@code nOut} units (nIn comes from the input type). */
    public static LeanDenseLayer relu(int nOut) {
        return of(nOut, new ActivationReLU(), true);
    }

    /** A dense layer with {@code nOut} units, the given activation, with or without bias. */
    public static LeanDenseLayer of(int nOut, IActivation activation, boolean bias) {
        LeanDenseLayer layer = new LeanDenseLayer();
        layer.setNOut(nOut);
        layer.setActivationFn(activation);
        layer.setHasBias(bias);
        layer.setGainInit(1.0); // DenseLayer.Builder's default (used only with layer norm): the same configuration
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
