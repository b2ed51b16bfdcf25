package dev.bnlab.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One more axis of an experiment: a numeric hyperparameter ({@code key}, e.g. "learning-rate") takes each of
 * {@code values} in turn. Every variant × value × seed is one run (a cell of the sweep); the variants of one
 * seed and value are paired as elsewhere. {@link #NONE} sweeps nothing.
 */
public record Sweep(String key, List<Double> values) {
    public static final Sweep NONE = new Sweep("", List.of());
    /** Settings a sweep can vary: numbers every run of an experiment shares. */
    public static final List<String> AXES = List.of("learning-rate", "momentum", "batch-size", "epochs", "train-examples");
    public static final int MAX_VALUES = 12;

    public Sweep {
        key = key == null ? "" : key;
        values = List.copyOf(values);
    }

    public boolean active() {
        return !values.isEmpty();
    }

    /** How many values: 1 without a sweep (every run then sits at the experiment's own value). */
    public int size() {
        return active() ? values.size() : 1;
    }

    public Setting<?> setting() {
        return Settings.byKey(key).orElseThrow(() -> new IllegalStateException("no setting " + key));
    }

    /** {@code spec} with the axis at value {@code i}; {@code spec} itself without a sweep. */
    public ExperimentSpec apply(ExperimentSpec spec, int i) {
        if (!active()) {
            return spec;
        }
        Setting<?> s = setting();
        return s.parseInto(spec, format(values.get(i), s));
    }

    /** "lr 0.1", "batch size 128": how a cell names its value. */
    public String label(int i) {
        if (!active()) {
            return "";
        }
        String name = key.equals("learning-rate") ? "lr" : setting().words();
        return name + " " + format(values.get(i), setting());
    }

    /** The value as the axis' setting writes it: "0.1", "128". */
    public String valueText(int i) {
        return active() ? format(values.get(i), setting()) : "";
    }

    static String format(double v, Setting<?> s) {
        if (s.type() instanceof ValueTypes.Int) {
            return Long.toString(Math.round(v));
        }
        String text = String.format(Locale.ROOT, "%.6g", v);
        return new java.math.BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    /** What is wrong with this sweep, or empty: an axis that cannot be swept, too few values, a bad value. */
    public Optional<String> problem(ExperimentSpec spec) {
        if (!active()) {
            return key.isEmpty() ? Optional.empty() : Optional.of("needs at least 2 values for " + key);
        }
        if (!AXES.contains(key)) {
            return Optional.of("can vary one of " + String.join(", ", AXES) + " (got " + ValueTypes.quoted(key) + ")");
        }
        if (values.size() < 2 || values.size() > MAX_VALUES) {
            return Optional.of("needs 2 to " + MAX_VALUES + " values (got " + values.size() + ")");
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String text = valueText(i);
            if (seen.contains(text)) {
                return Optional.of("has " + text + " twice");
            }
            seen.add(text);
            ExperimentSpec cell;
            try {
                cell = apply(spec, i);
            } catch (IllegalArgumentException e) {
                return Optional.of("value " + text + ": " + e.getMessage());
            }
            Optional<String> p = setting().problem(cell);
            if (p.isPresent()) {
                return Optional.of("value " + text + ": " + p.get());
            }
            List<String> others = cell.withSweep(NONE).problems(); // e.g. a batch larger than the examples
            if (!others.isEmpty()) {
                return Optional.of("value " + text + ": " + others.get(0));
            }
        }
        return Optional.empty();
    }

    /** "learning-rate=0.01,0.03,0.1", or "" without a sweep. */
    public String text() {
        if (!active()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            parts.add(valueText(i));
        }
        return key + "=" + String.join(",", parts);
    }

    /** {@code n} values from {@code from} to {@code to}, evenly spaced on a log scale, 3 significant digits. */
    public static List<Double> logSpaced(double from, double to, int n) {
        if (!(from > 0) || !(to > 0) || n < 2) {
            throw new IllegalArgumentException("a log-spaced list needs from > 0, to > 0 and at least 2 values");
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double v = Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * i / (n - 1));
            out.add(Double.parseDouble(String.format(Locale.ROOT, "%.3g", v)));
        }
        return out;
    }
}
