package dev.bnlab.network;

import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.Hyperparameters;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A trained network rebuilt from DL4J's own layer classes, so that its saved configuration names nothing of BN
 * Lab's. BN Lab trains with its lean dense and BN layers (DL4J's configurations with a faster backward pass); they
 * hold the same parameters in the same order as DL4J's, and their optimizer state is laid out the same, so the
 * copy takes the trained parameters and updater state as they are. {@link #layout} describes both; the copy is
 * refused when they differ.
 */
public final class PortableNetwork {
    private PortableNetwork() {
    }

    /**
     * A new network with DL4J's layers, the run's configuration ({@link NetworkFactory#stockConfiguration}), and
     * {@code trained}'s parameters, updater state and iteration count; its epoch count is {@code epochs}, as DL4J's
     * own {@code fit(iterator)} would have counted them (BN Lab fits minibatch by minibatch).
     */
    public static MultiLayerNetwork copyOf(MultiLayerNetwork trained, Hyperparameters h, BnPlacement placement,
                                           int epochs) {
        MultiLayerNetwork copy = new MultiLayerNetwork(NetworkFactory.stockConfiguration(h, placement));
        copy.init();
        List<String> expected = layout(trained);
        List<String> actual = layout(copy);
        if (!expected.equals(actual)) {
            throw new IllegalStateException("the trained network and DL4J's own layers differ in layout:\n  trained "
                    + expected + "\n  DL4J's   " + actual);
        }
        copy.setParams(trained.params());
        INDArray state = trained.getUpdater().getStateViewArray();
        if (state != null) {
            copy.getUpdater().setStateViewArray(copy, state, false); // copies (assign)
        }
        copy.setIterationCount(trained.getIterationCount());
        copy.setEpochCount(epochs);
        return copy;
    }

    /**
     * Where every parameter and its optimizer state live: per layer, each parameter's name and shape; per updater
     * block, its parameter and state ranges in the flat arrays, its optimizer, and the parameters it updates.
     */
    public static List<String> layout(MultiLayerNetwork net) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Map<String, INDArray> table = net.getLayer(i).paramTable(false);
            for (Map.Entry<String, INDArray> e : table.entrySet()) {
                lines.add("layer " + i + " " + e.getKey() + " " + Arrays.toString(e.getValue().shape()));
            }
        }
        Updater updater = net.getUpdater();
        if (updater instanceof BaseMultiLayerUpdater<?> u) {
            for (UpdaterBlock b : u.getUpdaterBlocks()) {
                StringBuilder s = new StringBuilder("block params [" + b.getParamOffsetStart() + ", "
                        + b.getParamOffsetEnd() + ") state [" + b.getUpdaterViewOffsetStart() + ", "
                        + b.getUpdaterViewOffsetEnd() + ")");
                for (UpdaterBlock.ParamState p : b.getLayersAndVariablesInBlock()) {
                    int layer = p.getLayer() instanceof org.deeplearning4j.nn.api.Layer l ? l.getIndex() : -1;
                    s.append(' ').append(layer).append('.').append(p.getParamName()).append(' ')
                            .append(p.getLayer().getConfig().getUpdaterByParam(p.getParamName()));
                }
                lines.add(s.toString());
            }
        } else {
            lines.add("updater " + (updater == null ? "none" : updater.getClass().getName()));
        }
        return lines;
    }
}
