package dev.bnlab.ui;

import dev.bnlab.report.RunColors;
import dev.bnlab.report.SeriesReducer;
import dev.bnlab.report.Smoothing;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.shape.Line;
import javafx.scene.text.Text;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live loss chart: per run a faint raw curve and a bold EMA-smoothed curve, in the run's colour, with
 * dashed epoch boundaries. Draws at most about two points per horizontal pixel whatever the history length
 * (the full history stays in the core), with no symbols and no animation.
 */
public final class LiveLossChart extends LineChart<Number, Number> implements LossChartView {
    private final NumberAxis xAxis;
    private final NumberAxis yAxis;
    private final List<Series<Number, Number>> raw = new ArrayList<>();
    private final List<Series<Number, Number>> smooth = new ArrayList<>();
    private final List<Line> epochLines = new ArrayList<>();
    private final List<Text> epochLabels = new ArrayList<>();
    private int[] epochEnds = new int[0];
    private boolean logScale;
    private long pointsDrawn;

    public LiveLossChart() {
        super(new NumberAxis(), new NumberAxis());
        xAxis = (NumberAxis) getXAxis();
        yAxis = (NumberAxis) getYAxis();
        xAxis.setLabel("iteration (minibatch)");
        xAxis.setAutoRanging(false);
        xAxis.setLowerBound(0);
        xAxis.setUpperBound(100);
        xAxis.setTickUnit(10);
        xAxis.setMinorTickVisible(false);
        yAxis.setLabel("training loss");
        yAxis.setForceZeroInRange(true);
        yAxis.setMinorTickVisible(false);
        setAnimated(false);
        setCreateSymbols(false);
        setLegendVisible(false);
        setHorizontalZeroLineVisible(false);
        setVerticalZeroLineVisible(false);
        getStyleClass().add("live-loss-chart");
    }

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    /** Removes all curves and prepares one raw and one smoothed series per run. */
    @Override
    public void reset(int runs) {
        getData().clear();
        raw.clear();
        smooth.clear();
        epochEnds = new int[0];
        ObservableList<Series<Number, Number>> all = FXCollections.observableArrayList();
        for (int i = 0; i < runs; i++) {
            raw.add(new Series<>());
        }
        for (int i = 0; i < runs; i++) {
            smooth.add(new Series<>());
        }
        all.addAll(raw);
        all.addAll(smooth);
        getData().setAll(all);
        for (int i = 0; i < runs; i++) {
            String color = RunColors.hex(i);
            raw.get(i).getNode().setStyle("-fx-stroke: " + color + "; -fx-stroke-width: 1px; -fx-opacity: 0.28;");
            smooth.get(i).getNode().setStyle("-fx-stroke: " + color + "; -fx-stroke-width: 2.6px;");
        }
        xAxis.setUpperBound(100);
        xAxis.setTickUnit(10);
        requestChartLayout();
    }

    @Override
    public void setLogScale(boolean log) {
        this.logScale = log;
        yAxis.setForceZeroInRange(!log);
        yAxis.setLabel(log ? "training loss (log scale)" : "training loss");
        yAxis.setTickLabelFormatter(log ? new StringConverter<>() {
            @Override
            public String toString(Number v) {
                double value = Math.pow(10, v.doubleValue());
                return value >= 1 ? String.format(Locale.ROOT, "%.1f", value)
                        : value >= 0.01 ? String.format(Locale.ROOT, "%.2f", value)
                        : String.format(Locale.ROOT, "%.0e", value);
            }

            @Override
            public Number fromString(String s) {
                return Math.log10(Double.parseDouble(s));
            }
        } : null);
    }

    /** Redraws every run from its full score history. */
    @Override
    public void update(List<float[]> scores, int[] epochEnds, double smoothing) {
        int longest = scores.stream().mapToInt(s -> s.length).max().orElse(0);
        double upper = Math.max(10, longest);
        xAxis.setUpperBound(upper);
        xAxis.setTickUnit(niceUnit(upper / 8));
        // one bucket per three pixels: the raw band draws its min and max, the smoothed line one point
        int buckets = (int) Math.max(50, Math.min(1_000, (getWidth() > 0 ? getWidth() : 1_000) / 3));
        long drawn = 0;
        for (int i = 0; i < scores.size() && i < raw.size(); i++) {
            float[] values = scores.get(i);
            List<Data<Number, Number>> rawPoints = new ArrayList<>();
            for (SeriesReducer.Bucket b : SeriesReducer.reduce(values, buckets)) {
                rawPoints.add(new Data<>(b.firstIndex() + 1, y(b.max())));
                if (b.min() != b.max()) {
                    rawPoints.add(new Data<>(b.lastIndex() + 1, y(b.min())));
                }
            }
            List<Data<Number, Number>> smoothPoints = new ArrayList<>();
            for (SeriesReducer.Bucket b : SeriesReducer.reduce(Smoothing.ema(values, smoothing), buckets)) {
                smoothPoints.add(new Data<>(b.lastIndex() + 1, y(b.last())));
            }
            raw.get(i).getData().setAll(rawPoints);
            smooth.get(i).getData().setAll(smoothPoints);
            drawn += rawPoints.size() + smoothPoints.size();
        }
        pointsDrawn = drawn;
        this.epochEnds = epochEnds.clone();
        requestChartLayout();
    }

    @Override
    public long pointsDrawn() {
        return pointsDrawn;
    }

    @Override
    public int pointsInSeries(int index) {
        return getData().get(index).getData().size();
    }

    private double y(double v) {
        return logScale ? Math.log10(Math.max(v, 1e-6)) : v;
    }

    private static double niceUnit(double raw) {
        double exponent = Math.floor(Math.log10(Math.max(raw, 1)));
        double fraction = raw / Math.pow(10, exponent);
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * Math.pow(10, exponent);
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        while (epochLines.size() < epochEnds.length) {
            Line line = new Line();
            line.getStyleClass().add("epoch-marker");
            Text label = new Text();
            label.getStyleClass().add("epoch-label");
            epochLines.add(line);
            epochLabels.add(label);
            getPlotChildren().addAll(line, label);
        }
        double height = yAxis.getHeight();
        for (int i = 0; i < epochLines.size(); i++) {
            Line line = epochLines.get(i);
            Text label = epochLabels.get(i);
            boolean visible = i < epochEnds.length && epochEnds[i] < xAxis.getUpperBound();
            line.setVisible(visible);
            label.setVisible(visible);
            if (visible) {
                double x = xAxis.getDisplayPosition(epochEnds[i] + 0.5);
                line.setStartX(x);
                line.setEndX(x);
                line.setStartY(0);
                line.setEndY(height);
                label.setText("epoch " + (i + 2));
                label.setX(x + 5);
                label.setY(14);
                line.toFront();
                label.toFront();
            }
        }
    }
}
