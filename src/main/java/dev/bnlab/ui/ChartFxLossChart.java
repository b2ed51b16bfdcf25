package dev.bnlab.ui;

import dev.bnlab.report.RunColors;
import dev.bnlab.report.SeriesReducer;
import dev.bnlab.report.Smoothing;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.utils.DataSetStyleBuilder;
import javafx.scene.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live loss chart drawn by chart-fx (io.fair-acc:chartfx), the charting library built for streaming
 * data: a Canvas-based XYChart whose data sets are filled from a background thread, as chart-fx intends;
 * the FX thread only draws. Same curves as {@link LiveLossChart}: faint raw min/max band and bold EMA.
 */
public final class ChartFxLossChart implements LossChartView {
    private final DefaultNumericAxis xAxis = new DefaultNumericAxis("iteration (minibatch)");
    private final DefaultNumericAxis yAxis = new DefaultNumericAxis("training loss");
    private final XYChart chart = new XYChart(xAxis, yAxis);
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    private final List<DoubleDataSet> raw = new ArrayList<>();
    private final List<DoubleDataSet> smooth = new ArrayList<>();
    private final List<XValueIndicator> epochMarkers = new ArrayList<>();
    private final AtomicReference<Request> pending = new AtomicReference<>();
    /** One filling thread for every chart, ended after 10 s idle. */
    private static final ThreadPoolExecutor FILLER = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "bnlab-chart-fill");
                t.setDaemon(true);
                return t;
            });
    private volatile long pointsDrawn;
    private volatile boolean logScale;

    private record Request(List<float[]> scores, double smoothing, int buckets) {
    }

    public ChartFxLossChart() {
        xAxis.setUnit(null); // no "[]" after the names
        yAxis.setUnit(null);
        xAxis.setAutoRanging(true);
        xAxis.setForceZeroInRange(true);
        yAxis.setAutoRanging(true);
        yAxis.setForceZeroInRange(true);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setDrawMarker(false);
        renderer.setPolyLineStyle(LineStyle.NORMAL);
        renderer.setPointReduction(true);
        chart.getRenderers().setAll(renderer);
        chart.getStyleClass().add("live-loss-chart");
    }

    @Override
    public Node node() {
        return chart;
    }

    @Override
    public void reset(int runs) {
        pending.set(null);
        renderer.getDatasets().clear();
        raw.clear();
        smooth.clear();
        chart.getPlugins().removeAll(epochMarkers);
        epochMarkers.clear();
        for (int i = 0; i < runs; i++) {
            raw.add(dataSet("raw " + i, RunColors.hex(i), 0.28, 1.0));
        }
        for (int i = 0; i < runs; i++) {
            smooth.add(dataSet("smoothed " + i, RunColors.hex(i), 1.0, 2.6));
        }
        renderer.getDatasets().addAll(raw);
        renderer.getDatasets().addAll(smooth);
        pointsDrawn = 0;
    }

    private static DoubleDataSet dataSet(String name, String hex, double opacity, double width) {
        DoubleDataSet ds = new DoubleDataSet(name);
        javafx.scene.paint.Color c = javafx.scene.paint.Color.web(hex, opacity);
        ds.setStyle(DataSetStyleBuilder.instance().setLineColor((int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255), opacity)
                .setLineWidth(width).setMarkerSize(0).build());
        return ds;
    }

    @Override
    public void setLogScale(boolean log) {
        logScale = log;
        yAxis.setLogAxis(log);
        yAxis.setForceZeroInRange(!log);
        yAxis.setName(log ? "training loss (log scale)" : "training loss");
    }

    @Override
    public void update(List<float[]> scores, int[] epochEnds, double smoothing) {
        while (epochMarkers.size() < epochEnds.length) {
            int i = epochMarkers.size();
            XValueIndicator marker = new XValueIndicator(xAxis, epochEnds[i] + 0.5, "epoch " + (i + 2));
            marker.setEditable(false);
            marker.setLabelPosition(0.97); // at the top, clear of the converged curves
            marker.setLabelHorizontalAnchor(javafx.geometry.HPos.LEFT);
            epochMarkers.add(marker);
            chart.getPlugins().add(marker);
        }
        double width = chart.getWidth() > 0 ? chart.getWidth() : 1_000;
        int buckets = (int) Math.max(50, Math.min(1_000, width / 3));
        // the histories are copied by the caller's RunHistory.scores(); the data sets are filled off the FX thread
        if (pending.getAndSet(new Request(scores, smoothing, buckets)) == null) {
            FILLER.execute(this::fill);
        }
    }

    private void fill() {
        Request r;
        while ((r = pending.getAndSet(null)) != null) {
            long drawn = 0;
            for (int i = 0; i < r.scores().size() && i < raw.size(); i++) {
                float[] values = r.scores().get(i);
                SeriesReducer.Bucket[] rawBuckets = SeriesReducer.reduce(values, r.buckets());
                double[] x = new double[2 * rawBuckets.length];
                double[] y = new double[x.length];
                int n = 0;
                for (SeriesReducer.Bucket b : rawBuckets) {
                    x[n] = b.firstIndex() + 1;
                    y[n++] = b.max();
                    if (b.min() != b.max()) {
                        x[n] = b.lastIndex() + 1;
                        y[n++] = b.min();
                    }
                }
                raw.get(i).set(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n), false);
                SeriesReducer.Bucket[] smoothBuckets = SeriesReducer.reduce(Smoothing.ema(values, r.smoothing()), r.buckets());
                double[] sx = new double[smoothBuckets.length];
                double[] sy = new double[sx.length];
                for (int k = 0; k < sx.length; k++) {
                    sx[k] = smoothBuckets[k].lastIndex() + 1;
                    sy[k] = smoothBuckets[k].last();
                }
                smooth.get(i).set(sx, sy, false);
                drawn += n + sx.length;
            }
            pointsDrawn = drawn;
        }
    }

    @Override
    public long pointsDrawn() {
        return pointsDrawn;
    }

    @Override
    public int pointsInSeries(int index) {
        List<DoubleDataSet> all = new ArrayList<>(raw);
        all.addAll(smooth);
        return all.get(index).getDataCount();
    }
}
