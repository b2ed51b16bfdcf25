package dev.bnlab.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * One variant of an experiment (e.g. "BN after activation") and the raw minibatch loss of each of its seeds'
 * runs: {@code seedScores.get(s)[i]} is the loss of iteration i + 1. Runs may differ in length (a diverged run
 * stops early). {@code colorIndex} picks the {@link Palette} colour; {@code note} follows the name in the
 * legend (e.g. "97.33 % ± 0.05", "diverged", or empty).
 * <p>
 * The list is copied; the arrays are not: the builder only reads them while it builds, so pass arrays nobody
 * writes to meanwhile (e.g. {@code RunHistory.scores()}, which is already a copy).
 */
public record VariantCurves(String name, int colorIndex, List<float[]> seedScores, String note) {
    public VariantCurves {
        name = Objects.requireNonNullElse(name, "");
        note = Objects.requireNonNullElse(note, "");
        seedScores = List.copyOf(seedScores);
    }
}
