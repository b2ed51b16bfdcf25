package dev.bnlab.report;

import java.util.ArrayList;
import java.util.List;

/** Round tick values for an axis (1, 2, 2.5 or 5 times a power of ten). */
public final class NiceScale {
    private NiceScale() {
    }

    public static List<Double> ticks(double min, double max, int approximateCount) {
        List<Double> ticks = new ArrayList<>();
        if (!(max > min)) {
            ticks.add(min);
            return ticks;
        }
        double step = niceStep((max - min) / Math.max(1, approximateCount));
        double first = Math.ceil(min / step - 1e-9) * step;
        for (double t = first; t <= max + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    public static double niceStep(double raw) {
        double exponent = Math.floor(Math.log10(raw));
        double fraction = raw / Math.pow(10, exponent);
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * Math.pow(10, exponent);
    }

    /** A label without trailing zeros: 0.5, 1, 2.5, 1000. */
    public static String label(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        String s = String.format(java.util.Locale.ROOT, "%.4f", value);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
