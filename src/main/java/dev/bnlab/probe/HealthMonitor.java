package dev.bnlab.probe;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures, for one chosen minibatch, each layer's gradient norm (before the optimizer changes it) and the size
 * of its update relative to its parameters, as DL4J's training UI does. Armed before {@code fit}, it copies the
 * trainable parameters, reads the gradient when DL4J reports it ({@code onGradientCalculation}), and after
 * {@code fit} compares the parameters. It only reads: training is the same with and without it (tested).
 * BN's running mean and variance are not trainable and are left out.
 */
public final class HealthMonitor extends BaseTrainingListener {
    private static final Set<String> NOT_TRAINABLE = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    private final MultiLayerNetwork network;
    private boolean armed;
    private double[] gradientNorms;
    private List<Map<String, INDArray>> before;

    public HealthMonitor(MultiLayerNetwork network) {
        this.network = network;
    }

    /** Call just before fitting the minibatch to measure. */
    public void arm() {
        armed = true;
        int n = network.getnLayers();
        gradientNorms = new double[n];
        Arrays.fill(gradientNorms, Double.NaN);
        before = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, INDArray> copy = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> e : trainable(network.getLayer(i)).entrySet()) {
                copy.put(e.getKey(), e.getValue().dup());
            }
            before.add(copy);
        }
    }

    /** Disarms without measuring. */
    public void cancel() {
        armed = false;
        before = null;
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (!armed) {
            return;
        }
        Gradient gradient = model.gradient();
        for (int i = 0; i < gradientNorms.length; i++) {
            double ss = 0;
            boolean any = false;
            for (String key : trainable(network.getLayer(i)).keySet()) {
                INDArray g = gradient.getGradientFor(i + "_" + key);
                if (g != null) {
                    double norm = g.norm2Number().doubleValue();
                    ss += norm * norm;
                    any = true;
                }
            }
            gradientNorms[i] = any ? Math.sqrt(ss) : Double.NaN;
        }
    }

    /** Call just after the fit: per layer, log10(mean |update| / mean |parameter|) and the gradient's L2 norm. */
    public double[][] disarm() {
        armed = false;
        int n = network.getnLayers();
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            double updateSum = 0;
            double paramSum = 0;
            long count = 0;
            for (Map.Entry<String, INDArray> e : trainable(network.getLayer(i)).entrySet()) {
                INDArray old = before.get(i).get(e.getKey());
                paramSum += old.norm1Number().doubleValue();
                INDArray update = old.rsubi(e.getValue()); // the copy is ours: it becomes the update in place
                updateSum += update.norm1Number().doubleValue();
                count += update.length();
            }
            ratios[i] = count == 0 || paramSum == 0 ? Double.NaN : Math.log10(updateSum / paramSum);
        }
        for (Map<String, INDArray> copies : before) { // native memory: free now, not at the next full GC
            copies.values().forEach(a -> {
                if (a.closeable()) {
                    a.close();
                }
            });
        }
        before = null;
        return new double[][]{ratios, gradientNorms};
    }

    private static Map<String, INDArray> trainable(Layer layer) {
        Map<String, INDArray> params = new LinkedHashMap<>(layer.paramTable());
        params.keySet().removeAll(NOT_TRAINABLE);
        return params;
    }
}
