package dev.bnlab.report.chart;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a chart shows, independent of how it is drawn: the live chart-fx view and {@link ChartRenderer}
 * (PNG and SVG) both draw from this one definition, so they show the same series, axes, bands, colours and
 * words.
 * <p>
 * {@link #layers()} are drawn in list order (first at the bottom). Coordinates are data values (x: iteration,
 * y: loss); a NaN in x or y breaks a line or a band into separate pieces. Line widths are in pixels at the
 * reference size 1600×900 (the file renderer scales them with the image; a screen view may use them as they
 * are). Colours are "#RRGGBB" plus a separate opacity in [0, 1].
 * <p>
 * Immutable: the records copy the arrays they are given and hand out copies, so neither the builder nor a
 * renderer can change a definition another thread is drawing. Use {@link Band#size()}, {@link Band#x(int)} and
 * the like to read without copying.
 */
public record ChartDefinition(String title, String subtitle, String xLabel, String yLabel, boolean logY,
                              List<Layer> layers, List<XMarker> markers, List<LegendEntry> legend,
                              String footnote, Range fixedY, boolean logX) {

    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");

    public ChartDefinition {
        title = Objects.requireNonNullElse(title, "");
        subtitle = Objects.requireNonNullElse(subtitle, "");
        xLabel = Objects.requireNonNullElse(xLabel, "");
        yLabel = Objects.requireNonNullElse(yLabel, "");
        footnote = Objects.requireNonNullElse(footnote, "");
        layers = List.copyOf(layers);
        markers = List.copyOf(markers);
        legend = List.copyOf(legend);
        if (fixedY != null && (!(fixedY.min() < fixedY.max()) || (logY && !(fixedY.min() > 0)))) {
            throw new IllegalArgumentException("a fixed y axis needs min < max (and min > 0 on a log axis), got " + fixedY);
        }
    }

    /** A chart whose y axis follows its data ({@link #yAxisRange()}), with a linear x axis. */
    public ChartDefinition(String title, String subtitle, String xLabel, String yLabel, boolean logY,
                           List<Layer> layers, List<XMarker> markers, List<LegendEntry> legend, String footnote) {
        this(title, subtitle, xLabel, yLabel, logY, layers, markers, legend, footnote, null, false);
    }

    /** A chart with a linear x axis. */
    public ChartDefinition(String title, String subtitle, String xLabel, String yLabel, boolean logY,
                           List<Layer> layers, List<XMarker> markers, List<LegendEntry> legend, String footnote,
                           Range fixedY) {
        this(title, subtitle, xLabel, yLabel, logY, layers, markers, legend, footnote, fixedY, false);
    }

    /** This chart with its y axis fixed to {@code range} (null: follow the data), e.g. to compare panels. */
    public ChartDefinition withFixedY(Range range) {
        return new ChartDefinition(title, subtitle, xLabel, yLabel, logY, layers, markers, legend, footnote, range, logX);
    }

    /** This chart with another title. */
    public ChartDefinition withTitle(String newTitle) {
        return new ChartDefinition(newTitle, subtitle, xLabel, yLabel, logY, layers, markers, legend, footnote, fixedY,
                logX);
    }

    /** Something drawn in the plot area. */
    public sealed interface Layer permits Band, Line, Points {
        /** "#RRGGBB". */
        String colorHex();

        /** 0 (invisible) to 1 (opaque). */
        double opacity();

        /** Number of points. */
        int size();

        double x(int i);
    }

    /**
     * A filled area between {@code low} and {@code high} over {@code x} (sorted ascending). A point whose x,
     * low or high is NaN ends one piece of the area; the next finite point starts another.
     */
    public record Band(String colorHex, double opacity, double[] x, double[] low, double[] high) implements Layer {
        public Band {
            checkStyle(colorHex, opacity);
            if (x.length != low.length || x.length != high.length) {
                throw new IllegalArgumentException("band arrays differ in length: x " + x.length + ", low "
                        + low.length + ", high " + high.length);
            }
            x = x.clone();
            low = low.clone();
            high = high.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] low() {
            return low.clone();
        }

        @Override
        public double[] high() {
            return high.clone();
        }

        @Override
        public int size() {
            return x.length;
        }

        @Override
        public double x(int i) {
            return x[i];
        }

        public double low(int i) {
            return low[i];
        }

        public double high(int i) {
            return high[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Band b && colorHex.equals(b.colorHex) && opacity == b.opacity
                    && Arrays.equals(x, b.x) && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
        }

        @Override
        public int hashCode() {
            return Objects.hash(colorHex, opacity, Arrays.hashCode(x), Arrays.hashCode(low), Arrays.hashCode(high));
        }

        @Override
        public String toString() {
            return "Band[" + colorHex + ", opacity " + opacity + ", " + x.length + " points]";
        }
    }

    /** A polyline through (x, y), x sorted ascending; a NaN in x or y breaks it. */
    public record Line(String colorHex, double opacity, double width, double[] x, double[] y) implements Layer {
        public Line {
            checkStyle(colorHex, opacity);
            if (!(width > 0) || !Double.isFinite(width)) {
                throw new IllegalArgumentException("line width must be positive, got " + width);
            }
            if (x.length != y.length) {
                throw new IllegalArgumentException("line arrays differ in length: x " + x.length + ", y " + y.length);
            }
            x = x.clone();
            y = y.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public int size() {
            return x.length;
        }

        @Override
        public double x(int i) {
            return x[i];
        }

        public double y(int i) {
            return y[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Line l && colorHex.equals(l.colorHex) && opacity == l.opacity && width == l.width
                    && Arrays.equals(x, l.x) && Arrays.equals(y, l.y);
        }

        @Override
        public int hashCode() {
            return Objects.hash(colorHex, opacity, width, Arrays.hashCode(x), Arrays.hashCode(y));
        }

        @Override
        public String toString() {
            return "Line[" + colorHex + ", opacity " + opacity + ", width " + width + ", " + x.length + " points]";
        }
    }

    /** How a {@link Points} layer marks each point. */
    public enum Marker {
        /** A filled circle. */
        DOT,
        /** An ×: e.g. a run that diverged. */
        CROSS
    }

    /** Unconnected points at (x, y), each drawn as a {@link Marker} {@code markerSize} pixels wide (at 1600×900). */
    public record Points(String colorHex, double opacity, double markerSize, Marker marker, double[] x, double[] y)
            implements Layer {
        public Points {
            checkStyle(colorHex, opacity);
            if (!(markerSize > 0) || !Double.isFinite(markerSize)) {
                throw new IllegalArgumentException("marker size must be positive, got " + markerSize);
            }
            if (x.length != y.length) {
                throw new IllegalArgumentException("point arrays differ in length: x " + x.length + ", y " + y.length);
            }
            x = x.clone();
            y = y.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public int size() {
            return x.length;
        }

        @Override
        public double x(int i) {
            return x[i];
        }

        public double y(int i) {
            return y[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Points p && colorHex.equals(p.colorHex) && opacity == p.opacity && markerSize == p.markerSize
                    && marker == p.marker && Arrays.equals(x, p.x) && Arrays.equals(y, p.y);
        }

        @Override
        public int hashCode() {
            return Objects.hash(colorHex, opacity, markerSize, marker, Arrays.hashCode(x), Arrays.hashCode(y));
        }

        @Override
        public String toString() {
            return "Points[" + colorHex + ", " + marker + ", " + x.length + " points]";
        }
    }

    /** A vertical dashed line at {@code x} with a label at the top, e.g. where epoch 2 begins. */
    public record XMarker(double x, String label) {
        public XMarker {
            label = Objects.requireNonNullElse(label, "");
        }
    }

    /** One legend row: a colour sample, the name in bold, then the note (may be empty) in grey. */
    public record LegendEntry(String name, String colorHex, String note) {
        public LegendEntry {
            name = Objects.requireNonNullElse(name, "");
            note = Objects.requireNonNullElse(note, "");
            checkStyle(colorHex, 1);
        }
    }

    /** A closed interval; {@link #EMPTY} (NaN, NaN) when there is no data. */
    public record Range(double min, double max) {
        public static final Range EMPTY = new Range(Double.NaN, Double.NaN);

        public boolean isEmpty() {
            return !(min <= max);
        }

        /** The smallest range holding both (an empty one adds nothing). */
        public Range union(Range other) {
            if (isEmpty()) {
                return other;
            }
            return other.isEmpty() ? this : new Range(Math.min(min, other.min), Math.max(max, other.max));
        }

        /** Widened by {@code fraction} of its length at both ends; a single value by 1 on each side. */
        public Range padded(double fraction) {
            if (isEmpty()) {
                return this;
            }
            double d = max > min ? (max - min) * fraction : Math.max(1e-9, Math.abs(min) * 0.1);
            return new Range(min - d, max + d);
        }
    }

    /** Smallest and largest x of the points that have a finite x and a finite (for a log axis: positive) y. */
    public Range xRange() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Layer layer : layers) {
            for (int i = 0; i < layer.size(); i++) {
                double x = layer.x(i);
                if (Double.isFinite(x) && (!logX || x > 0) && hasY(layer, i)) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
        }
        return min <= max ? new Range(min, max) : Range.EMPTY;
    }

    /**
     * Smallest and largest finite y over every layer (band lows and highs, line values) at a finite x; with a
     * log axis only positive values count.
     */
    public Range yRange() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Layer layer : layers) {
            for (int i = 0; i < layer.size(); i++) {
                if (!Double.isFinite(layer.x(i))) {
                    continue;
                }
                if (layer instanceof Band b) {
                    for (double v : new double[]{b.low[i], b.high[i]}) {
                        if (usable(v)) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                } else if (layer instanceof Line l && usable(l.y[i])) {
                    min = Math.min(min, l.y[i]);
                    max = Math.max(max, l.y[i]);
                } else if (layer instanceof Points p && usable(p.y[i])) {
                    min = Math.min(min, p.y[i]);
                    max = Math.max(max, p.y[i]);
                }
            }
        }
        return min <= max ? new Range(min, max) : Range.EMPTY;
    }

    /** The x axis both renderers show: the data's x range ([0, 1] without data, widened when it is one point). */
    public Range xAxisRange() {
        Range r = xRange();
        if (logX) {
            return r.isEmpty() ? new Range(0.1, 1) : new Range(r.min() / 1.4, r.max() * 1.4);
        }
        if (r.isEmpty()) {
            return new Range(0, 1);
        }
        if (r.min() == r.max()) {
            return new Range(r.min() - 1, r.max() + 1);
        }
        return r;
    }

    /**
     * The y axis both renderers show. Linear: from 0 (or the lowest value, if negative) to 5 % above the highest.
     * Log: the positive data range widened by a factor 1.15 at both ends, at most 12 decades below the top.
     * A {@link #fixedY()} range wins over both.
     */
    public Range yAxisRange() {
        if (fixedY != null) {
            return fixedY;
        }
        Range r = yRange();
        if (logY) {
            if (r.isEmpty()) {
                return new Range(0.1, 1);
            }
            double max = r.max() * 1.15;
            double min = Math.max(r.min() / 1.15, max * 1e-12);
            if (max / min < 1.5) { // one flat curve: show some room around it
                double mid = Math.sqrt(min * max);
                return new Range(mid / 1.5, mid * 1.5);
            }
            return new Range(min, max);
        }
        if (r.isEmpty()) {
            return new Range(0, 1);
        }
        double min = Math.min(0, r.min());
        double max = r.max() > 0 ? r.max() * 1.05 : 0;
        if (min < 0) {
            min *= 1.05;
        }
        if (!(max > min)) {
            max = min + 1;
        }
        return new Range(min, max);
    }

    private boolean usable(double v) {
        return Double.isFinite(v) && (!logY || v > 0);
    }

    private boolean hasY(Layer layer, int i) {
        if (layer instanceof Band b) {
            return usable(b.low[i]) || usable(b.high[i]);
        }
        return layer instanceof Points p ? usable(p.y[i]) : usable(((Line) layer).y[i]);
    }

    private static void checkStyle(String colorHex, double opacity) {
        if (colorHex == null || !HEX.matcher(colorHex).matches()) {
            throw new IllegalArgumentException("colour must be #RRGGBB, got " + colorHex);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be in [0, 1], got " + opacity);
        }
    }
}
