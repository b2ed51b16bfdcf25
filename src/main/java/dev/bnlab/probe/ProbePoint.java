package dev.bnlab.probe;

import java.util.List;

/**
 * What the probe measured in one run after {@code iteration} iterations (0: before training): the accuracy on
 * the probe images with BN in inference mode, every hidden layer's distributions with BN in training mode on
 * the probe images as one batch (as the paper's training-mode network), and every layer's health.
 */
public record ProbePoint(int iteration, int epoch, double accuracy, List<HiddenLayerProbe> hidden,
                         List<LayerHealth> health) {
    public ProbePoint {
        hidden = List.copyOf(hidden);
        health = List.copyOf(health);
    }
}
