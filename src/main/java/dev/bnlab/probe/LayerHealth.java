package dev.bnlab.probe;

/**
 * The signals DL4J's training UI shows per layer, for one DL4J layer at one probe point:
 * <ul>
 *   <li>{@code updateRatioLog10}: log10(mean |update| / mean |parameter|) over the layer's trainable
 *       parameters, for the minibatch trained at that iteration (around -3 is healthy; NaN at iteration 0 and
 *       for layers without parameters);</li>
 *   <li>{@code gradientNorm}: the L2 norm of the loss gradient for those parameters, before the optimizer;</li>
 *   <li>{@code activationMean}, {@code activationStd}: of the layer's output on the probe images.</li>
 * </ul>
 * {@code name} is "dense 1", "BN 1", "sigmoid 1", ... or "output".
 */
public record LayerHealth(String name, double updateRatioLog10, double gradientNorm, double activationMean,
                          double activationStd) {
}
