package dev.bnlab.ui;

import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.MarkerStride;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.renderer.spi.SolidBandRenderer;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;
import io.fair_acc.dataset.utils.DataSetStyleBuilder;
import javafx.application.Platform;
import javafx.scene.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A {@link ChartDefinition} drawn live by chart-fx (io.fair-acc:chartfx), the charting library built for
 * streaming data: bands as {@link DoubleErrorDataSet}s under a {@link SolidBandRenderer}, lines as
 * {@link DoubleDataSet}s under an {@link ErrorDataSetRenderer}, epoch boundaries as value indicators. The
 * definition is built and the data sets are filled on a background thread, as chart-fx intends; the FX
 * thread only draws, and only swaps data sets when the chart's structure changes (a variant, a seed shown).
 */
final class LiveChart {
    private final DefaultNumericAxis xAxis = new DefaultNumericAxis("iteration (minibatch)");
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis("training loss");
    private final XYChart chart = new XYChart(xAxis, yAxis);
    private final SolidBandRenderer bandRenderer = new SolidBandRenderer();
    private final ErrorDataSetRenderer lineRenderer = new ErrorDataSetRenderer();
    /** Points layers: markers, no lines. */
    private final ErrorDataSetRenderer pointRenderer = new ErrorDataSetRenderer();
    private final List<XValueIndicator> markers = new ArrayList<>();
    private int markerStride = 1;
    private final AtomicReference<Supplier<ChartDefinition>> pending = new AtomicReference<>();
    /** One filling thread for every chart, ended after 10 s idle. */
    private static final ThreadPoolExecutor FILLER = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "bnlab-chart-fill");
                t.setDaemon(true);
                return t;
            });
    /** Data sets in layer order, and the structure they were made for; touched by the filling thread only. */
    private List<DataSet> dataSets = List.of();
    private List<String> structure = List.of();
    /** The {@link #generation} the data sets were made in: after a clear, they are detached and made anew. */
    private int builtIn = -1;
    private volatile ChartDefinition shown;
    /** Bumped by {@link #clear()}: a fill that began before it must not put old curves back. */
    private volatile int generation;
    private volatile long pointsDrawn;

    LiveChart() {
        xAxis.setUnit(null); // no "[]" after the names
        yAxis.setUnit(null);
        xAxis.setAutoRanging(true);
        xAxis.setForceZeroInRange(true);
        yAxis.setAutoRanging(true);
        yAxis.setForceZeroInRange(true);
        yAxis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            // ticks stepped from a fixed, unrounded minimum land on 0 as -1e-17, which prints "-0.0"
            @Override
            public String toString(Number value) {
                double v = value.doubleValue();
                return yAxis.getAxisLabelFormatter().toString(Math.abs(v) < 1e-9 * yAxis.getTickUnit() ? 0.0 : v);
            }

            @Override
            public Number fromString(String s) {
                return yAxis.getAxisLabelFormatter().fromString(s);
            }
        });
        xAxis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            // iterations beyond 10,000 would print as "5.00E3": whole numbers read better as "5,000"
            @Override
            public String toString(Number value) {
                double v = value.doubleValue();
                if (Math.abs(v) < 1e-9 * xAxis.getTickUnit()) {
                    return "0";
                }
                if (Math.abs(v) >= 1000 && v == Math.rint(v)) {
                    return String.format(java.util.Locale.ROOT, "%,d", (long) v);
                }
                return xAxis.getAxisLabelFormatter().toString(v);
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s.replace(",", ""));
            }
        });
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        lineRenderer.setErrorStyle(ErrorStyle.NONE);
        lineRenderer.setDrawMarker(false);
        lineRenderer.setPolyLineStyle(LineStyle.NORMAL);
        lineRenderer.setPointReduction(true);
        lineRenderer.setAllowNaNs(true);
        pointRenderer.setErrorStyle(ErrorStyle.NONE);
        pointRenderer.setPolyLineStyle(LineStyle.NONE);
        pointRenderer.setDrawMarker(true);
        pointRenderer.setPointReduction(false);
        pointRenderer.setAllowNaNs(true);
        chart.getRenderers().setAll(bandRenderer, lineRenderer, pointRenderer);
        chart.getStyleClass().add("live-chart");
    }

    Node node() {
        return chart;
    }

    /** Width of the plot in pixels, for choosing how many points to draw; FX thread. */
    double width() {
        return chart.getWidth() > 0 ? chart.getWidth() : 1_000;
    }

    /** Removes everything drawn; FX thread. */
    void clear() {
        generation++;
        fixY(null);
        pending.set(null);
        shown = null;
        pointsDrawn = 0;
        bandRenderer.getDatasets().clear();
        lineRenderer.getDatasets().clear();
        pointRenderer.getDatasets().clear();
        chart.getPlugins().removeAll(markers);
        markers.clear();
        markerStride = 1;
    }

    /**
     * Shows the definition {@code build} makes, built off the FX thread; while one is being built, later
     * calls replace each other, so a slow build never queues up work. FX thread.
     */
    void show(Supplier<ChartDefinition> build) {
        if (pending.getAndSet(build) == null) {
            FILLER.execute(this::fill);
        }
    }

    private void fill() {
        Supplier<ChartDefinition> build;
        while ((build = pending.getAndSet(null)) != null) {
            int started = generation;
            ChartDefinition definition = build.get();
            List<String> wanted = definition.layers().stream().map(LiveChart::signature).toList();
            boolean rebuilt = !wanted.equals(structure) || builtIn != started;
            if (rebuilt) {
                dataSets = definition.layers().stream().map(LiveChart::newDataSet).toList();
                structure = wanted;
                builtIn = started;
            }
            long points = 0;
            for (int i = 0; i < dataSets.size(); i++) {
                points += setData(dataSets.get(i), definition.layers().get(i));
            }
            if (generation == started) {
                pointsDrawn = points;
                shown = definition;
            }
            List<DataSet> sets = dataSets;
            Platform.runLater(() -> {
                if (generation == started) {
                    apply(definition, sets, rebuilt);
                }
            });
        }
    }

    /** FX thread: puts new data sets in place (when the structure changed), markers and axis labels. */
    private void apply(ChartDefinition definition, List<DataSet> sets, boolean rebuilt) {
        if (rebuilt) {
            List<DataSet> bands = new ArrayList<>();
            List<DataSet> lines = new ArrayList<>();
            List<DataSet> points = new ArrayList<>();
            for (int i = 0; i < sets.size(); i++) {
                ChartDefinition.Layer layer = definition.layers().get(i);
                (layer instanceof ChartDefinition.Band ? bands : layer instanceof ChartDefinition.Points ? points : lines)
                        .add(sets.get(i));
            }
            bandRenderer.getDatasets().setAll(bands);
            lineRenderer.getDatasets().setAll(lines);
            pointRenderer.getDatasets().setAll(points);
        }
        // every k-th epoch marker when there are many (as in the files): about 90 px apart at this width
        int count = definition.markers().size();
        double width = Math.max(300, chart.getWidth() - 120);
        int stride = MarkerStride.of(count, width / Math.max(1, count + 1), 90);
        if (stride != markerStride) {
            chart.getPlugins().removeAll(markers);
            markers.clear();
            markerStride = stride;
        }
        while (markers.size() < count / stride) {
            ChartDefinition.XMarker m = definition.markers().get((markers.size() + 1) * stride - 1);
            XValueIndicator marker = new XValueIndicator(xAxis, m.x(), m.label());
            marker.setEditable(false);
            marker.setLabelPosition(0.97); // at the top, clear of the converged curves
            marker.setLabelHorizontalAnchor(javafx.geometry.HPos.LEFT);
            markers.add(marker);
            chart.getPlugins().add(marker);
        }
        if (yAxis.isLogAxis() != definition.logY()) {
            yAxis.setLogAxis(definition.logY());
            yAxis.setForceZeroInRange(!definition.logY());
        }
        if (xAxis.isLogAxis() != definition.logX()) {
            xAxis.setLogAxis(definition.logX());
            xAxis.setForceZeroInRange(!definition.logX());
        }
        fixLogX(definition);
        fixY(definition.fixedY());
        if (!definition.yLabel().equals(yAxis.getName())) {
            yAxis.setName(definition.yLabel());
        }
        if (!definition.xLabel().equals(xAxis.getName())) {
            xAxis.setName(definition.xLabel());
        }
    }

    /**
     * On a log x axis, a little room either side of the data (half a marker would hang off the edge); a linear
     * axis follows the data.
     */
    private void fixLogX(ChartDefinition definition) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        if (definition.logX()) {
            for (ChartDefinition.Layer layer : definition.layers()) {
                double[] x = layer instanceof ChartDefinition.Line l ? l.x() : layer instanceof ChartDefinition.Points p ? p.x()
                        : new double[0];
                for (double v : x) {
                    if (v > 0 && Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (!(lo <= hi)) {
            if (!xAxis.isAutoRanging()) {
                xAxis.setAutoRanging(true);
            }
            return;
        }
        double pad = Math.pow(hi / lo, 0.04);
        xAxis.setAutoRanging(false);
        if (xAxis.getMin() != lo / pad || xAxis.getMax() != hi * pad) {
            xAxis.set(lo / pad, hi * pad);
        }
    }

    /**
     * A definition's fixed y range (panels that must compare share one) turns auto-ranging off; without one the
     * axis follows the data again.
     */
    private void fixY(ChartDefinition.Range fixed) {
        if (fixed == null) {
            if (!yAxis.isAutoRanging()) {
                yAxis.setAutoRanging(true);
            }
            return;
        }
        if (yAxis.isAutoRanging()) {
            yAxis.setAutoRanging(false);
        }
        if (yAxis.getMin() != fixed.min() || yAxis.getMax() != fixed.max()) {
            yAxis.set(fixed.min(), fixed.max());
        }
    }

    private static String signature(ChartDefinition.Layer layer) {
        return layer instanceof ChartDefinition.Band b ? "band " + b.colorHex() + " " + b.opacity()
                : layer instanceof ChartDefinition.Line l ? "line " + l.colorHex() + " " + l.opacity() + " " + l.width()
                : layer instanceof ChartDefinition.Points p ? "points " + p.colorHex() + " " + p.opacity() + " "
                + p.markerSize() + " " + p.marker() : "";
    }

    private static DataSet newDataSet(ChartDefinition.Layer layer) {
        if (layer instanceof ChartDefinition.Band b) {
            DoubleErrorDataSet ds = new DoubleErrorDataSet("band");
            ds.setStyle(style(b.colorHex(), b.opacity(), 0).build());
            return ds;
        }
        if (layer instanceof ChartDefinition.Points p) {
            DoubleDataSet ds = new DoubleDataSet("points");
            javafx.scene.paint.Color c = javafx.scene.paint.Color.web(p.colorHex());
            int r = (int) Math.round(c.getRed() * 255);
            int g = (int) Math.round(c.getGreen() * 255);
            int b = (int) Math.round(c.getBlue() * 255);
            boolean cross = p.marker() == ChartDefinition.Marker.CROSS;
            // sizes are for a 1600-px image; chart-fx draws a marker about twice its size wide
            ds.setStyle(DataSetStyleBuilder.instance().setLineWidth(0).setLineColor(r, g, b, 0)
                    .setMarkerType(cross ? "CROSS" : "CIRCLE").setMarkerColor(r, g, b, p.opacity())
                    .setMarkerSize(Math.max(2.0, p.markerSize() * (cross ? 0.3 : 0.36)))
                    .setMarkerLineWidth(cross ? 2.2 : 1.0).build());
            return ds;
        }
        ChartDefinition.Line l = (ChartDefinition.Line) layer;
        DoubleDataSet ds = new DoubleDataSet("line");
        // the definition's widths are for a 1600-px image; on screen, a little thinner
        ds.setStyle(style(l.colorHex(), l.opacity(), Math.max(1.0, l.width() * 0.8)).build());
        return ds;
    }

    private static DataSetStyleBuilder style(String hex, double opacity, double width) {
        javafx.scene.paint.Color c = javafx.scene.paint.Color.web(hex);
        return DataSetStyleBuilder.instance().setLineColor((int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255), opacity)
                .setLineWidth(width).setMarkerSize(0);
    }

    private static long setData(DataSet target, ChartDefinition.Layer layer) {
        if (layer instanceof ChartDefinition.Band b && target instanceof DoubleErrorDataSet ds) {
            int n = b.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] yn = new double[n];
            double[] yp = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = b.x(i);
                y[i] = (b.low(i) + b.high(i)) / 2;
                yn[i] = y[i] - b.low(i);
                yp[i] = b.high(i) - y[i];
            }
            ds.set(x, y, yn, yp, false);
            return n;
        }
        if (layer instanceof ChartDefinition.Line l && target instanceof DoubleDataSet ds) {
            ds.set(l.x(), l.y(), false);
            return l.size();
        }
        if (layer instanceof ChartDefinition.Points p && target instanceof DoubleDataSet ds) {
            ds.set(p.x(), p.y(), true);
            return p.x().length;
        }
        return 0;
    }

    /** The x value under scene x coordinate {@code sceneX} (on a log axis, the log-scaled value); FX thread. */
    double dataX(double sceneX) {
        return xAxis.getValueForDisplay(xAxis.sceneToLocal(sceneX, 0).getX());
    }

    /** The scene x coordinate of data x {@code x}; FX thread. */
    double sceneXOf(double x) {
        return xAxis.localToScene(xAxis.getDisplayPosition(x), 0).getX();
    }

    /** The x axis' log scale: whether the last definition asked for one. */
    boolean logX() {
        return xAxis.isLogAxis();
    }

    /** The definition last shown (null before any). */
    ChartDefinition shown() {
        return shown;
    }

    /** How many points the last update put on screen (for tests and benchmarks). */
    long pointsDrawn() {
        return pointsDrawn;
    }
}
