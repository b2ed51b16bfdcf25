package dev.bnlab.probe;

import dev.bnlab.spec.Monitoring;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The probe of one training run: at the iterations {@link Monitoring#measuresAt} names (and at the last one) it measures
 * the accuracy on the probe images with BN in inference mode (DL4J's own {@code output(x, false)}), the hidden
 * layers' distributions with BN in training mode ({@link NetworkProbe}) and, for the minibatch just trained,
 * every layer's health ({@link HealthMonitor}). Runs on the training thread, between minibatches.
 */
public final class RunProbe {
    private final MultiLayerNetwork network;
    private final ProbeImages images;
    private final Monitoring monitoring;
    private final HealthMonitor monitor;
    private final boolean hasBatchNorm;
    private double seconds;

    public RunProbe(MultiLayerNetwork network, ProbeImages images, Monitoring monitoring) {
        if (!monitoring.enabled()) {
            throw new IllegalArgumentException("probes are off (eval-every 0)");
        }
        this.network = network;
        this.images = images;
        this.monitoring = monitoring;
        this.monitor = new HealthMonitor(network);
        network.addListeners(monitor);
        boolean bn = false;
        for (int i = 0; i < network.getnLayers(); i++) {
            bn |= network.getLayer(i).conf().getLayer() instanceof BatchNormalization;
        }
        hasBatchNorm = bn;
    }

    /** Whether the minibatch about to be trained as iteration {@code iteration} (1-based) is measured. */
    public boolean due(int iteration, boolean lastOfTraining) {
        return monitoring.measuresAt(iteration) || lastOfTraining;
    }

    /** Before training: iteration 0, with no update to measure. */
    public ProbePoint initial() {
        return measure(0, 1, null);
    }

    /** Just before fitting a minibatch that {@link #due} said is measured. */
    public void beforeFit() {
        long t0 = System.nanoTime();
        monitor.arm();
        seconds += (System.nanoTime() - t0) / 1e9;
    }

    /** Just after that fit. */
    public ProbePoint afterFit(int iteration, int epoch) {
        long t0 = System.nanoTime();
        double[][] health = monitor.disarm();
        seconds += (System.nanoTime() - t0) / 1e9;
        return measure(iteration, epoch, health);
    }

    /** Stops measuring for good: the listener stays, disarmed, and reads nothing more. */
    public void disable() {
        monitor.cancel();
    }

    /** Time spent measuring so far, in seconds. */
    public double seconds() {
        return seconds;
    }

    private ProbePoint measure(int iteration, int epoch, double[][] health) {
        long t0 = System.nanoTime();
        NetworkProbe.Measurement m = NetworkProbe.measure(network, images.features());
        INDArray inference = hasBatchNorm ? network.output(images.features(), false) : m.output();
        double accuracy = accuracy(inference);
        List<LayerHealth> layers = new ArrayList<>();
        for (int i = 0; i < m.layerNames().size(); i++) {
            layers.add(new LayerHealth(m.layerNames().get(i), health == null ? Double.NaN : health[0][i],
                    health == null ? Double.NaN : health[1][i], m.activationMean()[i], m.activationStd()[i]));
        }
        seconds += (System.nanoTime() - t0) / 1e9;
        return new ProbePoint(iteration, epoch, accuracy, m.hidden(), layers);
    }

    private double accuracy(INDArray probabilities) {
        int[] predicted = probabilities.argMax(1).toIntVector();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == images.label(i)) {
                correct++;
            }
        }
        return (double) correct / predicted.length;
    }
}
