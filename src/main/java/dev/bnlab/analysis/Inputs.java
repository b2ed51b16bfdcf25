package dev.bnlab.analysis;

import java.util.Objects;

/** Checks on the accuracy arrays: NaN is "no accuracy" and allowed; infinities are a caller's bug, not data. */
final class Inputs {
    private Inputs() {
    }

    static double[] finiteOrNaN(double[] values, String name) {
        Objects.requireNonNull(values, name);
        for (double v : values) {
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " contains " + v + ": an accuracy is a number or NaN");
            }
        }
        return values;
    }
}
