package dev.bnlab.ui;

import dev.bnlab.experiment.ExperimentConfig;
import dev.bnlab.experiment.ExperimentConfig.Setting;
import dev.bnlab.experiment.ExperimentEvent;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.ExperimentRunner;
import dev.bnlab.experiment.Progress;
import dev.bnlab.experiment.RunHistory;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.report.LossChart;
import dev.bnlab.report.LossChartRenderer;
import dev.bnlab.report.ResultsWriter;
import dev.bnlab.report.RunColors;
import dev.bnlab.report.SummaryJson;
import javafx.animation.AnimationTimer;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The dashboard: settings, Start/Stop, the live chart, results and exports. Training runs in the experiment
 * core on its own threads; this class only reads its events (drained once per frame) and histories.
 */
public final class DashboardController {
    /** What the window is doing. */
    public enum State { IDLE, PREPARING, RUNNING, STOPPING, ENDED }

    /**
     * While training, the chart redraws once a second (the first points at once) and the status line four
     * times a second: rendering shares the machine's cores with training. Each chart redraw cost the
     * renderer thread ~60 ms of software rendering here (see README, "The window").
     */
    private static final long CHART_REFRESH_NANOS = Long.getLong("bnlab.chartRefreshMs", 1_000) * 1_000_000L;
    private static final long STATUS_REFRESH_NANOS = 250_000_000L;

    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button exportPngButton;
    @FXML private Button exportDataButton;
    @FXML private Button evaluateButton;
    @FXML private TextField epochsField;
    @FXML private TextField batchSizeField;
    @FXML private TextField learningRateField;
    @FXML private TextField momentumField;
    @FXML private TextField seedField;
    @FXML private TextField trainExamplesField;
    @FXML private TextField testExamplesField;
    @FXML private Label epochsError;
    @FXML private Label batchSizeError;
    @FXML private Label learningRateError;
    @FXML private Label momentumError;
    @FXML private Label seedError;
    @FXML private Label trainExamplesError;
    @FXML private Label testExamplesError;
    @FXML private HBox legendBox;
    @FXML private Slider smoothingSlider;
    @FXML private Label smoothingValue;
    @FXML private CheckBox logScaleBox;
    @FXML private StackPane chartHolder;
    @FXML private GridPane resultsGrid;
    @FXML private Label differenceLabel;
    @FXML private Label resultsHint;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;

    private final LossChartView chart = LossChartView.create();
    private final Map<Setting, TextField> fields = new EnumMap<>(Setting.class);
    private final Map<Setting, Label> errors = new EnumMap<>(Setting.class);
    private final AtomicReference<String> backgroundMessage = new AtomicReference<>();
    private final AtomicInteger uiUpdates = new AtomicInteger();
    private LaunchSettings launch;
    private Stage stage;
    private AnimationTimer timer;
    private ExperimentSession session;
    private volatile ExperimentSession outputWrittenFor;
    private UiEventQueue events;
    private State state = State.IDLE;
    private ExperimentResult result;
    private List<String> runNames = List.of();
    private final List<Label> accuracyLabels = new ArrayList<>();
    private final List<Label> detailLabels = new ArrayList<>();
    private final List<Label> legendLabels = new ArrayList<>();
    private double[] evaluatedAccuracy = new double[0];
    private int currentEpoch;
    private long startNanos;
    private long endNanos;
    private long lastChartNanos;
    private boolean chartDirty;
    private int drawnIterations = -1;
    private long lastStatusNanos;
    private final FxProbe probe = FxProbe.fromSystemProperty();

    void init(LaunchSettings launch, Stage stage) {
        this.launch = launch;
        this.stage = stage;
        fields.put(Setting.EPOCHS, epochsField);
        fields.put(Setting.BATCH_SIZE, batchSizeField);
        fields.put(Setting.LEARNING_RATE, learningRateField);
        fields.put(Setting.MOMENTUM, momentumField);
        fields.put(Setting.SEED, seedField);
        fields.put(Setting.TRAIN_EXAMPLES, trainExamplesField);
        fields.put(Setting.TEST_EXAMPLES, testExamplesField);
        errors.put(Setting.EPOCHS, epochsError);
        errors.put(Setting.BATCH_SIZE, batchSizeError);
        errors.put(Setting.LEARNING_RATE, learningRateError);
        errors.put(Setting.MOMENTUM, momentumError);
        errors.put(Setting.SEED, seedError);
        errors.put(Setting.TRAIN_EXAMPLES, trainExamplesError);
        errors.put(Setting.TEST_EXAMPLES, testExamplesError);
        fill(launch.config());
        chartHolder.getChildren().add(chart.node());
        chart.reset(launch.config().runs().size());
        smoothingSlider.valueProperty().addListener((obs, old, v) -> {
            smoothingValue.setText(String.format(Locale.ROOT, "%.2f", v.doubleValue()));
            chartDirty = true;
        });
        logScaleBox.selectedProperty().addListener((obs, old, log) -> {
            chart.setLogScale(log);
            chartDirty = true;
        });
        buildLegend(launch.config().runs().stream().map(r -> r.name()).toList());
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now);
            }
        };
        timer.start();
    }

    void afterShow() {
        if (launch.autostart()) {
            onStart();
        }
    }

    // ---- actions ----

    @FXML
    void onStart() {
        if (state == State.PREPARING || state == State.RUNNING || state == State.STOPPING) {
            return; // a double click starts one experiment
        }
        ExperimentConfig config = readSettings();
        if (config == null) {
            statusLabel.setText("Check the highlighted settings.");
            return;
        }
        result = null;
        runNames = config.runs().stream().map(r -> r.name()).toList();
        evaluatedAccuracy = new double[runNames.size()];
        java.util.Arrays.fill(evaluatedAccuracy, Double.NaN);
        chart.reset(runNames.size());
        buildLegend(runNames);
        buildResults(runNames);
        currentEpoch = 0;
        startNanos = System.nanoTime();
        endNanos = 0;
        lastChartNanos = 0;
        drawnIterations = -1;
        events = new UiEventQueue();
        session = new ExperimentSession(config, launch.dataDir());
        if (probe != null) {
            probe.started();
        }
        setState(State.PREPARING);
        session.start(events, backgroundMessage::set);
    }

    @FXML
    void onStop() {
        if (session != null && (state == State.PREPARING || state == State.RUNNING)) {
            session.stop();
            setState(State.STOPPING);
        }
    }

    @FXML
    void onExportPng() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the loss chart as PNG");
        chooser.setInitialFileName("loss.png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            exportPng(file.toPath());
        }
    }

    /** Writes the chart as loss.png would look: same renderer, 1600x900. Runs off the FX thread. */
    void exportPng(Path file) {
        LossChart snapshot = chartSnapshot();
        background("export-png", () -> {
            LossChartRenderer.writePng(snapshot, file, LossChartRenderer.DEFAULT_WIDTH, LossChartRenderer.DEFAULT_HEIGHT);
            return "Chart saved to " + file;
        });
    }

    @FXML
    void onExportResults() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export metrics.csv, summary.json and loss.png into a folder");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            exportResults(dir.toPath());
        }
    }

    void exportResults(Path dir) {
        ExperimentResult r = result;
        ExperimentSession s = session;
        if (r == null || s == null || s.data() == null) {
            return;
        }
        background("export-results", () -> {
            ResultsWriter.writeAll(dir, r, s.data());
            return "Results saved to " + dir + " (metrics.csv, summary.json, loss.png)";
        });
    }

    @FXML
    void onEvaluateNow() {
        ExperimentSession s = session;
        ExperimentRunner runner = s == null ? null : s.runner();
        if (runner == null) {
            return;
        }
        evaluateButton.setDisable(true);
        statusLabel.setText("Evaluating the stopped networks on " + String.format(Locale.ROOT, "%,d", s.config().testExamples())
                + " test images …");
        background("evaluate", () -> {
            for (int i = 0; i < runNames.size(); i++) {
                evaluatedAccuracy[i] = runner.evaluateNow(i);
            }
            return "Evaluated the networks as they were when stopped.";
        });
    }

    /**
     * Stops training and waits briefly for the threads to end: the window is closing (or SIGTERM). With
     * --output, what was recorded is written there, as the headless mode does on Ctrl-C.
     */
    void shutdown() {
        if (timer != null && javafx.application.Platform.isFxApplicationThread()) {
            timer.stop();
        }
        ExperimentSession s = session;
        if (s != null) {
            s.stop();
            ExperimentResult r;
            try {
                r = s.result().get(3, TimeUnit.SECONDS);
            } catch (Exception notTrained) {
                return; // stopped before training, or failed: nothing recorded; training threads are daemons
            }
            if (launch.outputDir() != null) {
                try {
                    writeOutput(s, r); // what was recorded, with status stopped
                } catch (java.io.IOException e) {
                    System.err.println("Cannot write results to " + launch.outputDir() + ": " + dev.bnlab.IoErrors.describe(e));
                }
            }
        }
    }

    // ---- per frame ----

    private void frame(long now) {
        boolean changed = false;
        String message = backgroundMessage.getAndSet(null);
        if (message != null) {
            statusLabel.setText(message);
            refreshResultsFromEvaluation();
            changed = true;
        }
        UiEventQueue queue = events;
        if (queue != null) {
            for (ExperimentEvent e : queue.drain()) {
                apply(e);
                changed = true;
            }
        }
        ExperimentSession s = session;
        if (s != null && state != State.ENDED && state != State.IDLE && s.result().isCompletedExceptionally()) {
            failed(s);
            changed = true;
        }
        if ((chartDirty || state == State.RUNNING || state == State.STOPPING) && s != null && s.runner() != null
                && (now - lastChartNanos >= CHART_REFRESH_NANOS || chartDirty || drawnIterations <= 0)) {
            redrawChart(s.runner().histories());
            lastChartNanos = now;
            chartDirty = false;
            changed = true;
        } else if (chartDirty && (s == null || s.runner() == null)) {
            chartDirty = false;
        }
        if ((state == State.RUNNING || state == State.STOPPING) && now - lastStatusNanos >= STATUS_REFRESH_NANOS) {
            updateStatus();
            lastStatusNanos = now;
        }
        if (changed) {
            uiUpdates.incrementAndGet();
        }
    }

    private void apply(ExperimentEvent event) {
        if (event instanceof ExperimentEvent.Started) {
            setState(State.RUNNING);
        } else if (event instanceof ExperimentEvent.IterationScored s) {
            currentEpoch = Math.max(currentEpoch, s.epoch());
        } else if (event instanceof ExperimentEvent.RunDiverged d) {
            detailLabels.get(d.run()).setText("diverged at iteration " + d.iteration() + " (loss " + d.score() + ")");
        } else if (event instanceof ExperimentEvent.RunFailed f) {
            detailLabels.get(f.run()).setText("failed: " + f.message());
        } else if (event instanceof ExperimentEvent.RunEvaluated r) {
            evaluatedAccuracy[r.run()] = r.accuracy();
            accuracyLabels.get(r.run()).setText(percent(r.accuracy()));
        } else if (event instanceof ExperimentEvent.Ended ended) {
            ended(ended.result());
        }
    }

    private void ended(ExperimentResult r) {
        result = r;
        endNanos = System.nanoTime();
        redrawChart(r.histories());
        for (int i = 0; i < r.runs().size(); i++) {
            RunResult run = r.runs().get(i);
            accuracyLabels.get(i).setText(run.evaluated() ? percent(run.testAccuracy()) : "—");
            detailLabels.get(i).setText(String.format(Locale.ROOT, "%s · final loss %s · %.1f s", run.status().label(),
                    Double.isFinite(run.finalScore()) ? String.format(Locale.ROOT, "%.4f", run.finalScore()) : "—",
                    run.trainingSeconds()));
            legendLabels.get(i).setText(run.name() + (run.evaluated() ? "  " + percent(run.testAccuracy()) : ""));
        }
        SummaryJson.accuracyDifference(r).ifPresentOrElse(
                d -> differenceLabel.setText(String.format(Locale.ROOT, "Batch Normalization: %+.2f points of test accuracy", d)),
                () -> differenceLabel.setText(""));
        boolean stopped = r.status() == ExperimentResult.Status.STOPPED;
        resultsHint.setText(stopped ? "Stopped: the curves are kept. Evaluate the networks as they are now, or press Start for a fresh run."
                : r.status() == ExperimentResult.Status.FAILED ? "Failed: " + r.message() : "");
        evaluateButton.setVisible(stopped);
        evaluateButton.setManaged(stopped);
        evaluateButton.setDisable(!stopped);
        setState(State.ENDED);
        statusLabel.setText(String.format(Locale.ROOT, "%s after %.1f s · %,d iterations per run",
                capitalize(r.status().label()), r.seconds(), r.runs().stream().mapToInt(RunResult::iterations).max().orElse(0)));
        progressBar.setProgress(r.status() == ExperimentResult.Status.FINISHED ? 1 : progressBar.getProgress());
        if (probe != null) {
            probe.ended(r.runs().stream().mapToInt(RunResult::iterations).max().orElse(0),
                    r.runs().stream().mapToDouble(RunResult::trainingSeconds).max().orElse(0));
        }
        if (launch.outputDir() != null) { // --output: the window writes the same files as the headless mode
            ExperimentSession s = session;
            background("export-results", () -> {
                writeOutput(s, r);
                return "Results saved to " + launch.outputDir() + " (metrics.csv, summary.json, loss.png)";
            });
        }
    }

    /** Writes a session's results into --output once, whichever comes first: its end, or the window closing. */
    private synchronized void writeOutput(ExperimentSession s, ExperimentResult r) throws java.io.IOException {
        if (outputWrittenFor != s && s.data() != null) {
            ResultsWriter.writeAll(launch.outputDir(), r, s.data());
            outputWrittenFor = s;
        }
    }

    private void failed(ExperimentSession s) {
        if (s.result().isCancelled()) {
            setState(State.ENDED);
            progressBar.setProgress(0);
            statusLabel.setText("Stopped before training began: nothing was recorded.");
            resultsHint.setText("Stopped while preparing the data. Press Start to begin again.");
            return;
        }
        String message;
        try {
            s.result().join();
            message = "unknown error";
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            message = cause.getMessage();
        }
        setState(State.ENDED);
        statusLabel.setText("Could not start: " + firstLine(message));
        resultsHint.setText(message);
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText("BN Lab could not start the experiment");
        alert.initOwner(stage);
        alert.show();
    }

    private void refreshResultsFromEvaluation() {
        for (int i = 0; i < evaluatedAccuracy.length && i < accuracyLabels.size(); i++) {
            if (!Double.isNaN(evaluatedAccuracy[i])) {
                accuracyLabels.get(i).setText(percent(evaluatedAccuracy[i]));
                legendLabels.get(i).setText(runNames.get(i) + "  " + percent(evaluatedAccuracy[i]));
            }
        }
        if (evaluatedAccuracy.length == 2 && !Double.isNaN(evaluatedAccuracy[0]) && !Double.isNaN(evaluatedAccuracy[1])
                && result != null && result.status() == ExperimentResult.Status.STOPPED) {
            differenceLabel.setText(String.format(Locale.ROOT, "Batch Normalization: %+.2f points of test accuracy (when stopped)",
                    100 * (evaluatedAccuracy[1] - evaluatedAccuracy[0])));
        }
    }

    private void redrawChart(List<RunHistory> histories) {
        int total = histories.stream().mapToInt(RunHistory::size).sum();
        if (total == drawnIterations && !chartDirty && result == null) {
            return; // nothing new since the last redraw
        }
        drawnIterations = total;
        List<float[]> scores = histories.stream().map(RunHistory::scores).toList();
        int[] epochEnds = histories.isEmpty() ? new int[0] : histories.get(0).epochEnds();
        chart.update(scores, epochEnds, smoothingSlider.getValue());
        if (probe != null) {
            probe.chartDrawn(chart.pointsDrawn());
        }
    }

    private void updateStatus() {
        ExperimentSession s = session;
        if (s == null || s.runner() == null) {
            return;
        }
        ExperimentConfig c = s.config();
        int done = s.runner().histories().stream().mapToInt(RunHistory::size).min().orElse(0);
        Progress p = new Progress(c, done, (System.nanoTime() - startNanos) / 1e9);
        progressBar.setProgress(p.fraction());
        statusLabel.setText(String.format(Locale.ROOT, "%s · epoch %d/%d · iteration %,d/%,d · %,.0f examples/s · elapsed %s · ETA %s",
                state == State.STOPPING ? "Stopping" : "Training", Math.max(1, currentEpoch), c.epochs(), done,
                c.totalIterations(), p.examplesPerSecond(), p.elapsedText(), p.etaText()));
    }

    // ---- settings ----

    private void fill(ExperimentConfig c) {
        epochsField.setText(Integer.toString(c.epochs()));
        batchSizeField.setText(Integer.toString(c.batchSize()));
        learningRateField.setText(Double.toString(c.learningRate()));
        momentumField.setText(Double.toString(c.momentum()));
        seedField.setText(Long.toString(c.seed()));
        trainExamplesField.setText(Integer.toString(c.trainExamples()));
        testExamplesField.setText(Integer.toString(c.testExamples()));
    }

    /** Parses and validates the form with the same rules as the command line; null (errors shown) when invalid. */
    ExperimentConfig readSettings() {
        Map<Setting, String> problems = new EnumMap<>(Setting.class);
        int epochs = parseInt(Setting.EPOCHS, problems);
        int batch = parseInt(Setting.BATCH_SIZE, problems);
        double lr = parseDouble(Setting.LEARNING_RATE, problems);
        double momentum = parseDouble(Setting.MOMENTUM, problems);
        long seed = 0;
        try {
            seed = Long.parseLong(seedField.getText().trim());
        } catch (NumberFormatException e) {
            problems.put(Setting.SEED, "seed must be a whole number");
        }
        int train = parseInt(Setting.TRAIN_EXAMPLES, problems);
        int test = parseInt(Setting.TEST_EXAMPLES, problems);
        ExperimentConfig base = launch.config();
        ExperimentConfig config = new ExperimentConfig(epochs, batch, lr, momentum, seed, train, test,
                base.hiddenUnits(), base.runs());
        config.problemsBySetting().forEach(problems::putIfAbsent);
        for (Setting s : fields.keySet()) {
            String problem = problems.get(s);
            errors.get(s).setText(problem == null ? "" : problem);
            fields.get(s).getStyleClass().remove("invalid");
            if (problem != null) {
                fields.get(s).getStyleClass().add("invalid");
            }
        }
        return problems.isEmpty() ? config : null;
    }

    private int parseInt(Setting s, Map<Setting, String> problems) {
        try {
            return Integer.parseInt(fields.get(s).getText().trim().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            problems.put(s, label(s) + " must be a whole number");
            return 1;
        }
    }

    private double parseDouble(Setting s, Map<Setting, String> problems) {
        try {
            return Double.parseDouble(fields.get(s).getText().trim());
        } catch (NumberFormatException e) {
            problems.put(s, label(s) + " must be a number");
            return 0.5;
        }
    }

    private static String label(Setting s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    // ---- building blocks ----

    private void setState(State next) {
        state = next;
        boolean busy = next == State.PREPARING || next == State.RUNNING || next == State.STOPPING;
        startButton.setDisable(busy);
        stopButton.setDisable(!(next == State.PREPARING || next == State.RUNNING));
        fields.values().forEach(f -> f.setDisable(busy));
        exportPngButton.setDisable(session == null || next == State.PREPARING);
        exportDataButton.setDisable(next != State.ENDED || result == null);
        if (busy) {
            evaluateButton.setVisible(false);
            evaluateButton.setManaged(false);
            differenceLabel.setText("");
        }
        if (next == State.PREPARING) {
            statusLabel.setText("Preparing …");
            progressBar.setProgress(-1);
            resultsHint.setText("Training … test accuracy appears here when it ends.");
        }
    }

    private void buildLegend(List<String> names) {
        legendBox.getChildren().clear();
        legendLabels.clear();
        for (int i = 0; i < names.size(); i++) {
            Line swatch = new Line(0, 0, 22, 0);
            swatch.setStyle("-fx-stroke: " + RunColors.hex(i) + "; -fx-stroke-width: 3.5; -fx-stroke-line-cap: round;");
            Label label = new Label(names.get(i));
            label.getStyleClass().add("legend-item");
            legendLabels.add(label);
            HBox item = new HBox(6, swatch, label);
            item.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            legendBox.getChildren().add(item);
        }
    }

    private void buildResults(List<String> names) {
        resultsGrid.getChildren().clear();
        accuracyLabels.clear();
        detailLabels.clear();
        Label header = new Label("TEST ACCURACY");
        header.getStyleClass().add("results-header");
        resultsGrid.add(header, 1, 0);
        for (int i = 0; i < names.size(); i++) {
            Line swatch = new Line(0, 0, 16, 0);
            swatch.setStyle("-fx-stroke: " + RunColors.hex(i) + "; -fx-stroke-width: 5; -fx-stroke-line-cap: round;");
            Label name = new Label(names.get(i));
            name.getStyleClass().add("result-name");
            Label accuracy = new Label("…");
            accuracy.getStyleClass().add("result-accuracy");
            Label detail = new Label("training");
            detail.getStyleClass().add("result-detail");
            detail.setWrapText(true);
            accuracyLabels.add(accuracy);
            detailLabels.add(detail);
            javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(2, name, accuracy, detail);
            resultsGrid.add(swatch, 0, 1 + i);
            resultsGrid.add(box, 1, 1 + i);
        }
    }

    private interface Job {
        String run() throws Exception;
    }

    private void background(String name, Job job) {
        Thread t = new Thread(() -> {
            try {
                backgroundMessage.set(job.run());
            } catch (Exception e) {
                String message = name.startsWith("export") ? "Export failed: " + dev.bnlab.IoErrors.describe(e)
                        + " (the results are still in memory: try another place)" : "Failed: " + e.getMessage();
                backgroundMessage.set(message);
                javafx.application.Platform.runLater(() -> {
                    Alert alert = new Alert(Alert.AlertType.ERROR, message);
                    alert.setHeaderText(null);
                    alert.initOwner(stage);
                    alert.show();
                });
            }
        }, "bnlab-" + name);
        t.setDaemon(true);
        t.start();
    }

    private LossChart chartSnapshot() {
        ExperimentSession s = session;
        ExperimentConfig config = s != null ? s.config() : launch.config();
        List<RunHistory> histories = s != null && s.runner() != null ? s.runner().histories() : List.of();
        return LossChart.of(config, histories, result, smoothingSlider.getValue(), logScaleBox.isSelected());
    }

    private static String percent(double accuracy) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * accuracy);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return s == null ? "" : nl < 0 ? s : s.substring(0, nl);
    }

    // ---- for tests ----

    State state() {
        return state;
    }

    LossChartView chart() {
        return chart;
    }

    int uiUpdates() {
        return uiUpdates.get();
    }

    ExperimentSession session() {
        return session;
    }

    ExperimentResult result() {
        return result;
    }

    String accuracyText(int run) {
        return accuracyLabels.get(run).getText();
    }

    String statusText() {
        return statusLabel.getText();
    }

    String errorText(Setting s) {
        return errors.get(s).getText();
    }
}
