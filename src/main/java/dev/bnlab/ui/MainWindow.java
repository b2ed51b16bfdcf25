package dev.bnlab.ui;

import dev.bnlab.IoErrors;
import dev.bnlab.data.MnistDataException;
import dev.bnlab.experiment.ExperimentEvent;
import dev.bnlab.experiment.ExperimentJob;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.ExperimentRunner;
import dev.bnlab.experiment.RunHistory;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.report.AtomicFiles;
import dev.bnlab.report.ExperimentsCompared;
import dev.bnlab.report.ResultsReader;
import dev.bnlab.report.LossCharts;
import dev.bnlab.report.OutputFolder;
import dev.bnlab.report.ResultsWriter;
import dev.bnlab.report.TrainedNetworks;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.ChartRenderer;
import dev.bnlab.report.chart.LossChartOptions;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Presets;
import dev.bnlab.spec.RunSpec;
import dev.bnlab.spec.SpecException;
import dev.bnlab.spec.SpecJson;
import dev.bnlab.ui.model.DashboardModel;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The window: it puts the parts in place (run controls, settings form, chart, results, status bar) and wires
 * them to the {@link DashboardModel} and the core's {@link ExperimentJob}. Training threads never touch the UI:
 * their events wait in a queue that a UI tick drains 20 times a second (at most one UI update per tick, so at
 * most one per frame); the chart is redrawn at most once a second while training (the first points at once)
 * and the status line four times a second.
 */
public final class MainWindow implements RunControls.Actions {
    /**
     * Each chart redraw cost the renderer thread ~60 ms of software rendering under Xvfb here, most of it the
     * cards' drop shadow (now a border); once a second keeps the rest small while training shares the machine
     * (docs/performance.md).
     */
    private static final long CHART_REFRESH_NANOS = Long.getLong("bnlab.chartRefreshMs", 1_000) * 1_000_000L;
    private static final long STATUS_REFRESH_NANOS = 250_000_000L;

    private final LaunchSettings launch;
    private final Stage stage;
    private final DashboardModel model;
    private final RunControls controls;
    private final SettingsForm settings;
    private final ChartViews views;
    private final ChartPane chartPane;
    private final ResultsPanel results;
    private final StatusBar statusBar;
    private final BorderPane root = new BorderPane();
    private final AtomicReference<String> backgroundMessage = new AtomicReference<>();
    /** Accuracies measured by "Evaluate now", with the job whose networks they measured. */
    private record Evaluation(ExperimentJob job, double[] accuracies) {
    }

    private final AtomicReference<Evaluation> evaluatedNow = new AtomicReference<>();
    private final AtomicInteger uiUpdates = new AtomicInteger();
    private final FxProbe probe = FxProbe.fromSystemProperty();
    /**
     * The UI tick: 20 a second, posted to the FX thread, never more than one waiting. An AnimationTimer would
     * do the same work but keep JavaFX pulsing 60 times a second for as long as the window is open.
     */
    private static final long TICK_MS = 50;
    private final java.util.concurrent.ScheduledExecutorService ticker =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bnlab-ui-tick");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.atomic.AtomicBoolean tickPending = new java.util.concurrent.atomic.AtomicBoolean();
    /** Written on the FX thread, read by {@link #shutdown()} on any thread (SIGTERM's hook). */
    private volatile ExperimentJob job;
    private volatile CompletableFuture<ExperimentResult> future;
    private UiEventQueue events;
    private volatile ExperimentJob outputWrittenFor;
    /** The thread writing the last experiment's results to --output, which closing the window waits for. */
    private volatile Thread outputWrite;
    private long renderedVersion = -1;
    private long lastChartNanos;
    private long lastStatusNanos;
    private boolean chartDirty;
    /** What the visible view last drew from: iterations recorded (loss) or probe points (the others). */
    private long drawnAmount = -1;
    private ExperimentSpec configuredFor;
    /** An earlier experiment read from its folder and shown (Open results…), or null. FX thread. */
    private ResultsReader.OpenedResults opened;
    /** Several earlier experiments shown together (Compare with…, --compare), or null. FX thread. */
    private ExperimentsCompared compared;
    /** The folders shown: what "Compare with…" adds to. */
    private List<Path> shownFolders = List.of();

    MainWindow(LaunchSettings launch, Stage stage) {
        this.launch = launch;
        this.stage = stage;
        this.model = new DashboardModel(launch.spec());
        this.controls = new RunControls(this, this::loadPreset);
        this.settings = new SettingsForm(model.form(), () -> controls.showPreset(RunControls.CUSTOM));
        this.views = new ChartViews(() -> {
            chartDirty = true;
            drawnAmount = -1; // another view or other options: draw now, even if nothing new was recorded
        });
        this.chartPane = views.loss();
        this.results = new ResultsPanel(this::evaluateNow);
        this.statusBar = new StatusBar();
        root.getStyleClass().add("window");
        root.setTop(controls.getRoot());
        root.setLeft(settings.getRoot());
        root.setCenter(views.getRoot());
        // a sweep has a row per variant and value: more than a screen holds
        javafx.scene.control.ScrollPane resultsScroll = new javafx.scene.control.ScrollPane(results.getRoot());
        resultsScroll.setFitToWidth(true);
        resultsScroll.setFitToHeight(true);
        resultsScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        resultsScroll.getStyleClass().add("results-scroll");
        root.setRight(resultsScroll);
        root.setBottom(statusBar.getRoot());
        BorderPane.setMargin(views.getRoot(), new javafx.geometry.Insets(6, 5, 10, 10));
        BorderPane.setMargin(resultsScroll, new javafx.geometry.Insets(10, 10, 10, 5));
        controls.showPreset(launch.spec().name());
        chartPane.severalSeeds(launch.spec().seeds() > 1);
        ticker.scheduleAtFixedRate(() -> {
            if (tickPending.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    tickPending.set(false);
                    frame(System.nanoTime());
                });
            }
        }, TICK_MS, TICK_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        render();
    }

    BorderPane getRoot() {
        return root;
    }

    void afterShow() {
        if (!launch.show().isEmpty()) {
            showResults(launch.show());
        } else if (launch.autostart()) {
            start();
        }
    }

    // ---- actions ----

    @Override
    public void start() {
        if (!model.startEnabled()) {
            return; // a double click starts one experiment
        }
        ExperimentSpec spec = model.form().parse().orElse(null);
        settings.showErrors();
        if (spec == null) {
            model.message("Check the highlighted settings.");
            render();
            return;
        }
        events = new UiEventQueue();
        opened = null;
        compared = null;
        shownFolders = List.of();
        job = new ExperimentJob(spec, launch.dataDir(), backgroundMessage::set).subscribe(events);
        model.preparing(spec);
        views.clear();
        chartPane.severalSeeds(spec.seeds() > 1);
        lastChartNanos = 0;
        drawnAmount = -1;
        if (probe != null) {
            probe.started();
        }
        future = job.start();
        render();
    }

    @Override
    public void stop() {
        if (job != null && model.stopEnabled()) {
            job.stop();
            model.stopping();
            render();
        }
    }

    private void loadPreset(String name) {
        if (model.settingsEditable()) {
            model.form().load(Presets.load(name));
            settings.fill();
            chartPane.severalSeeds(model.form().base().seeds() > 1);
        }
    }

    @Override
    public void openSpec() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a spec file, or the summary.json of earlier results");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Spec or summary (JSON)", "*.json"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            openSpec(file.toPath());
        }
    }

    /** Loads a spec file into the form; a bad file is reported and the form stays as it was. */
    void openSpec(Path file) {
        try {
            ExperimentSpec spec = SpecJson.read(file);
            model.form().load(spec);
            settings.fill();
            controls.showPreset(spec.name());
            chartPane.severalSeeds(spec.seeds() > 1);
            model.message("Loaded " + file);
        } catch (SpecException e) {
            model.message("Cannot open " + file.getFileName() + ": see the message");
            showError("This spec file cannot be used", e.getMessage());
        }
        render();
    }

    @Override
    public void saveSpec() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the experiment as a spec file");
        chooser.setInitialFileName(model.form().base().name().replaceAll("[^A-Za-z0-9._-]+", "-") + ".json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Spec file (JSON)", "*.json"));
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            saveSpec(file.toPath());
        }
    }

    /** Writes the form's experiment as a spec file; invalid settings are shown instead. */
    void saveSpec(Path file) {
        ExperimentSpec spec = model.form().parse().orElse(null);
        settings.showErrors();
        if (spec == null) {
            model.message("Check the highlighted settings before saving.");
            render();
            return;
        }
        String text = SpecJson.toText(spec);
        background("save-spec", () -> {
            AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
            return "Spec saved to " + file;
        });
    }

    @Override
    public void exportChart() {
        ChartViews.View view = views.visible();
        boolean grid = view == ChartViews.View.DISTRIBUTIONS || view == ChartViews.View.HEALTH
                || view == ChartViews.View.SWEEP;
        FileChooser chooser = new FileChooser();
        chooser.setTitle(grid ? "Export the visible panels (PNG)" : "Export the visible chart (PNG or SVG)");
        chooser.setInitialFileName(switch (view) {
            case LOSS -> "loss.png";
            case ACCURACY -> "accuracy.png";
            case DISTRIBUTIONS -> "activations.png";
            case HEALTH -> "health.png";
            case SWEEP -> "sweep.png";
        });
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        if (!grid) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("SVG vector image", "*.svg"));
        }
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            exportChart(file.toPath());
        }
    }

    /**
     * Writes the visible view as the headless files look (same renderer): one chart at 1600x900, PNG or (ending in
     * .svg) SVG; the side-by-side panels of Distributions and Health as one PNG, a panel per variant.
     */
    void exportChart(Path file) {
        boolean svg = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg");
        ProbePane probeView = views.visibleProbePane();
        if (views.visible() == ChartViews.View.SWEEP) {
            if (shownHistories() == null || compared != null || !model.spec().sweep().active()) {
                model.message("Nothing to export: this experiment sweeps nothing.");
                render();
                return;
            }
            if (svg) {
                model.message("SVG draws one chart: the side-by-side panels export as PNG.");
                render();
                return;
            }
            ExperimentSpec spec = model.spec();
            List<dev.bnlab.report.SweepCharts.Cell> cells = sweepCells();
            background("export-chart", () -> {
                ChartRenderer.writeGridPng(dev.bnlab.report.SweepCharts.of(spec, cells), 2,
                        "Sweep over " + spec.sweep().setting().words(), file, PANEL_WIDTH, PANEL_HEIGHT);
                return "Chart saved to " + file;
            });
            return;
        }
        if (probeView == null) {
            ChartSnapshot snapshot = chartSnapshot(LossChartOptions.defaults().buckets());
            if (snapshot != null) {
                background("export-chart", () -> writeChart(snapshot.build(), file, svg));
            }
            return;
        }
        if (shownHistories() == null || !model.probesOn()) {
            model.message("Nothing to export: no probe points were recorded.");
            render();
            return;
        }
        DashboardModel.ProbeData data = model.probeData();
        java.util.function.Supplier<List<ChartDefinition>> charts = probeView.export(data);
        if (probeView == views.accuracy()) {
            background("export-chart", () -> writeChart(charts.get().get(0), file, svg));
            return;
        }
        if (svg) {
            model.message("SVG draws one chart: the side-by-side panels export as PNG.");
            render();
            return;
        }
        String heading = probeView.heading(data);
        int columns = data.spec().variants().size();
        background("export-chart", () -> {
            ChartRenderer.writeGridPng(charts.get(), columns, heading, file, PANEL_WIDTH, PANEL_HEIGHT);
            return "Chart saved to " + file;
        });
    }

    /** A panel's size in an exported PNG, as the headless activations.png has it. */
    private static final int PANEL_WIDTH = 1000;
    private static final int PANEL_HEIGHT = 560;

    private static String writeChart(ChartDefinition chart, Path file, boolean svg) throws java.io.IOException {
        if (svg) {
            ChartRenderer.writeSvg(chart, file, ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);
        } else {
            ChartRenderer.writePng(chart, file, ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);
        }
        return "Chart saved to " + file;
    }

    @Override
    public void exportResults() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export metrics.csv, summary.json, loss.png, loss.svg and what the probes measured into a folder");
        File dir = chooser.showDialog(stage);
        if (dir == null) {
            return;
        }
        Path folder = dir.toPath();
        boolean holds = OutputFolder.holdsResults(folder);
        if (holds && !confirmReplace(folder)) {
            model.message("Nothing exported: the results in " + folder + " are kept.");
            render();
            return;
        }
        exportResults(folder, holds);
    }

    @Override
    public void openResults() {
        File dir = chooseResultsFolder("Open the results folder of an earlier experiment");
        if (dir != null) {
            showResults(List.of(dir.toPath()));
        }
    }

    @Override
    public void compareWith() {
        File dir = chooseResultsFolder("Add a results folder to compare with the ones shown");
        if (dir != null) {
            List<Path> folders = new java.util.ArrayList<>(shownFolders);
            folders.add(dir.toPath());
            showResults(folders);
        }
    }

    private File chooseResultsFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (!shownFolders.isEmpty() && shownFolders.get(0).toAbsolutePath().getParent() != null) {
            File parent = shownFolders.get(0).toAbsolutePath().getParent().toFile();
            if (parent.isDirectory()) {
                chooser.setInitialDirectory(parent);
            }
        } else if (new File("runs").isDirectory()) {
            chooser.setInitialDirectory(new File("runs").getAbsoluteFile());
        }
        return chooser.showDialog(stage);
    }

    /**
     * Reads results folders off the FX thread, then shows them: one as if it had just run (charts, probes, rows
     * and verdict; its settings in the form), several overlaid. A folder that cannot be read is named in a
     * dialog and nothing shown changes.
     */
    void showResults(List<Path> folders) {
        if (model.busy() || model.isEvaluating()) {
            model.message("Stop training before opening earlier results.");
            render();
            return;
        }
        model.message("Reading " + folders.get(folders.size() - 1) + " …");
        render();
        Thread t = new Thread(() -> {
            List<ResultsReader.OpenedResults> read = new java.util.ArrayList<>();
            for (Path folder : folders) {
                String why; // the reader's own sentence names the folder; other failures need it named
                try {
                    read.add(ResultsReader.read(folder));
                    continue;
                } catch (ResultsReader.UnreadableResults e) {
                    why = e.getMessage();
                } catch (RuntimeException | Error e) { // e.g. out of memory on a huge folder: say so, never hang
                    why = folder + ": " + IoErrors.describe(e);
                }
                Platform.runLater(() -> {
                    model.message("Cannot open: " + why);
                    render();
                    showError("Cannot open these results", why);
                });
                return;
            }
            Platform.runLater(() -> show(folders, read));
        }, "bnlab-open-results");
        t.setDaemon(true);
        t.start();
    }

    private void show(List<Path> folders, List<ResultsReader.OpenedResults> read) {
        if (model.busy() || model.isEvaluating()) {
            model.message("Not opened: wait until training or the evaluation has ended.");
            render();
            return;
        }
        job = null;
        future = null;
        events = null;
        shownFolders = List.copyOf(folders);
        ExperimentSpec spec = read.get(0).result().spec();
        if (read.size() == 1) {
            opened = read.get(0);
            compared = null;
            model.opened(opened);
            model.form().load(spec);
            settings.fill();
            controls.showPreset(spec.name());
        } else {
            opened = null;
            compared = new ExperimentsCompared(read);
            model.compared(compared);
        }
        views.clear();
        chartPane.severalSeeds(read.stream().anyMatch(r -> r.result().spec().seeds() > 1));
        chartDirty = true;
        drawnAmount = -1;
        render();
    }

    /** The curves shown: the running or last job's, or those read from a folder; null when there are none. */
    private List<RunHistory> shownHistories() {
        ExperimentJob j = job;
        if (j != null && j.runner() != null) {
            return j.runner().histories();
        }
        return opened != null ? opened.result().histories() : null;
    }

    /** Asks before an export replaces the results of an earlier experiment. */
    private boolean confirmReplace(Path folder) {
        ButtonType replace = new ButtonType("Replace them", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, folder + " already holds the results of an earlier"
                + " experiment. Replace them with this experiment's? BN Lab removes only its own files there.",
                replace, ButtonType.CANCEL);
        alert.setHeaderText("Replace earlier results?");
        alert.initOwner(stage);
        return alert.showAndWait().filter(replace::equals).isPresent();
    }

    /** Exports into {@code dir}; a folder holding earlier results is refused (the export fails, nothing is lost). */
    void exportResults(Path dir) {
        exportResults(dir, false);
    }

    /** The same; {@code replace}: the user agreed that this experiment's results replace the earlier ones there. */
    void exportResults(Path dir, boolean replace) {
        ExperimentResult r = model.result();
        ExperimentJob j = job;
        if (r == null || j == null) {
            return;
        }
        background("export-results", () -> {
            OutputFolder folder = OutputFolder.given(dir, replace);
            try {
                ResultsWriter.writeAll(dir, r, j.data(), TrainedNetworks.of(j.runner()));
                folder.removeLeftovers();
            } finally {
                folder.release();
            }
            return "Results saved to " + dir + " (" + String.join(", ", ResultsWriter.files(r)) + ")";
        });
    }

    private void evaluateNow() {
        ExperimentJob j = job;
        ExperimentRunner runner = j == null ? null : j.runner();
        if (runner == null) {
            return;
        }
        model.evaluating();
        model.message(String.format(java.util.Locale.ROOT, "Evaluating the stopped networks on %,d test images …",
                j.spec().hyperparameters().testExamples()));
        render();
        int runs = runner.runs().size();
        background("evaluate", () -> {
            double[] accuracies = new double[runs];
            java.util.Arrays.fill(accuracies, Double.NaN);
            int measured = 0;
            try {
                for (int i = 0; i < runs; i++) {
                    // a run that diverged or failed has no accuracy, as everywhere else; one never begun, no network
                    if (runner.status(i) == RunStatus.STOPPED && runner.network(i) != null) {
                        accuracies[i] = runner.evaluateNow(i);
                        measured++;
                    }
                }
            } finally {
                evaluatedNow.set(new Evaluation(j, accuracies));
            }
            return "Evaluated the " + measured + " stopped network" + (measured == 1 ? "" : "s") + " as they were when stopped.";
        });
    }

    /**
     * Stops training and waits briefly for the threads to end: the window is closing (or SIGTERM). With
     * --output, what was recorded is written there, as the headless mode does on Ctrl-C. Any thread.
     */
    void shutdown() {
        ticker.shutdownNow();
        Thread writing = outputWrite;
        if (writing != null) { // an ended experiment's results are still being written: let them finish
            try {
                writing.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ExperimentJob j = job;
        CompletableFuture<ExperimentResult> f = future;
        if (j == null || f == null) {
            return;
        }
        j.stop();
        ExperimentResult r;
        try {
            r = f.get(3, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("Training did not end within 3 s of the stop; nothing was written"
                    + (launch.outputDir() != null ? " to " + launch.outputDir() : "") + ".");
            return;
        } catch (Exception notTrained) {
            return; // stopped before training, or failed: nothing recorded; training threads are daemons
        }
        if (launch.outputDir() != null) {
            try {
                writeOutput(j, r); // what was recorded, with status stopped
            } catch (java.io.IOException e) {
                System.err.println("Cannot write results to " + launch.outputDir() + ": " + IoErrors.describe(e));
            }
        }
    }

    // ---- per frame ----

    private void frame(long now) {
        boolean changed = false;
        String message = backgroundMessage.getAndSet(null);
        if (message != null) {
            model.message(message);
        }
        Evaluation evaluated = evaluatedNow.getAndSet(null);
        if (evaluated != null && evaluated.job() == job) {
            model.evaluatedNow(evaluated.accuracies());
            chartDirty = true;
        } else if (evaluated != null) {
            model.evaluationDropped(); // its experiment is no longer shown
        }
        UiEventQueue queue = events;
        if (queue != null) {
            for (ExperimentEvent e : queue.drain()) {
                model.apply(e);
                if (e instanceof ExperimentEvent.Ended ended) {
                    ended(ended.result());
                }
                changed = true;
            }
        }
        CompletableFuture<ExperimentResult> f = future;
        if (f != null && model.busy() && f.isCompletedExceptionally()) {
            failed(f);
        }
        if (model.version() != renderedVersion) {
            render();
            changed = true;
        }
        if ((shownHistories() != null || compared != null) && (chartDirty || model.busy())
                && (now - lastChartNanos >= CHART_REFRESH_NANOS || chartDirty || drawnAmount <= 0)) {
            if (redrawChart()) {
                changed = true;
            }
            lastChartNanos = now;
            chartDirty = false;
        }
        views.refresh();
        if (model.busy() && now - lastStatusNanos >= STATUS_REFRESH_NANOS) {
            statusBar.render(model);
            lastStatusNanos = now;
        }
        if (changed) {
            uiUpdates.incrementAndGet();
        }
    }

    private void render() {
        renderedVersion = model.version();
        if (model.spec() != configuredFor) { // another experiment: its layers, sites, seeds; probes on or off
            configuredFor = model.spec();
            views.configure(model);
        }
        controls.render(model, shownHistories() != null || compared != null);
        settings.setEditable(model.settingsEditable());
        results.render(model);
        statusBar.render(model);
    }

    private void ended(ExperimentResult r) {
        chartDirty = true;
        if (probe != null) {
            probe.ended(r.runs().stream().mapToInt(x -> x.iterations()).max().orElse(0),
                    r.runs().stream().mapToDouble(x -> x.trainingSeconds()).max().orElse(0));
        }
        if (launch.outputDir() != null) { // --output: the window writes the same files as the headless mode
            ExperimentJob j = job;
            outputWrite = background("export-results", () -> {
                Path written = writeOutput(j, r);
                return written == null ? null
                        : "Results saved to " + written + " (" + String.join(", ", ResultsWriter.files(r)) + ")";
            });
        }
    }

    /**
     * Writes a job's results under --output once, whichever comes first: its end, or the window closing. The
     * first experiment goes to --output itself (replacing earlier results only with --overwrite); when that
     * folder holds results already, a new folder next to it ({@code DIR-2}, {@code DIR-3}, …): nothing is
     * replaced. Returns the folder written, or null when this job's results were written before.
     */
    private synchronized Path writeOutput(ExperimentJob j, ExperimentResult r) throws java.io.IOException {
        if (outputWrittenFor == j || j.data() == null) {
            return null;
        }
        Path dir = launch.outputDir();
        boolean replace = outputWrittenFor == null && launch.overwrite();
        OutputFolder folder = OutputFolder.holdsResults(dir) && !replace ? OutputFolder.claimNew(dir)
                : OutputFolder.given(dir, replace);
        try {
            ResultsWriter.writeAll(folder.dir(), r, j.data(), TrainedNetworks.of(j.runner()));
            folder.removeLeftovers();
        } finally {
            folder.release();
        }
        outputWrittenFor = j;
        return folder.dir();
    }

    private void failed(CompletableFuture<ExperimentResult> f) {
        if (f.isCancelled()) {
            model.cancelledBeforeTraining();
            return;
        }
        String message;
        try {
            f.join();
            message = "unknown error";
        } catch (CancellationException e) {
            model.cancelledBeforeTraining();
            return;
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            message = cause instanceof MnistDataException ? cause.getMessage() : cause.toString();
        }
        model.failedToStart(message);
        showError("BN Lab could not start the experiment", message);
    }

    /**
     * Redraws the visible view from what was recorded; false when nothing is new. Views other than loss draw the
     * probe points (none when probes are off: their text stays).
     */
    private boolean redrawChart() {
        ProbePane probeView = views.visibleProbePane();
        if (views.visible() == ChartViews.View.SWEEP) {
            return redrawSweep();
        }
        long amount;
        if (probeView == null) {
            List<RunHistory> histories = shownHistories();
            amount = compared != null ? 1 : histories == null ? 0 : histories.stream().mapToLong(RunHistory::size).sum();
        } else {
            amount = model.probesOn() ? model.probeCount() : 0;
        }
        if (amount == drawnAmount && !chartDirty) {
            return false;
        }
        drawnAmount = amount;
        if (probeView == null) {
            ChartSnapshot snapshot = chartSnapshot(chartPane.options().buckets());
            chartPane.show(snapshot::build);
        } else if (model.probesOn()) {
            probeView.show(model.probeData());
        }
        if (probe != null) {
            probe.chartDrawn(amount);
        }
        return true;
    }

    /** The sweep view, from the runs that have ended; false when none ended since it was last drawn. */
    private boolean redrawSweep() {
        if (!model.spec().sweep().active() || compared != null) {
            return false;
        }
        List<dev.bnlab.report.SweepCharts.Cell> cells = sweepCells();
        long amount = 0;
        for (dev.bnlab.report.SweepCharts.Cell c : cells) {
            amount += (c.status().isTerminal() ? 1 : 0) + (Double.isNaN(c.accuracy()) ? 0 : 1_000);
        }
        if (amount == drawnAmount && !chartDirty) {
            return false;
        }
        drawnAmount = amount;
        views.sweep().show(model.spec(), cells);
        return true;
    }

    /** Every run as the sweep charts take it: accuracy and probes only for the runs that have ended. FX thread. */
    private List<dev.bnlab.report.SweepCharts.Cell> sweepCells() {
        double[] accuracies = model.accuracies();
        DashboardModel.ProbeData probes = model.probesOn() ? model.probeData() : null;
        List<dev.bnlab.report.SweepCharts.Cell> cells = new java.util.ArrayList<>();
        for (RunSpec r : model.runs()) {
            RunStatus status = model.status(r.index());
            boolean done = status.isTerminal();
            double accuracy = done && r.index() < accuracies.length ? accuracies[r.index()] : Double.NaN;
            List<dev.bnlab.probe.ProbePoint> points = done && probes != null && r.index() < probes.probes().size()
                    ? probes.probes().get(r.index()) : List.of();
            cells.add(new dev.bnlab.report.SweepCharts.Cell(r, status, accuracy, points));
        }
        return cells;
    }

    /** What the chart needs, copied on the FX thread; the definition itself is built where it is used. */
    private ChartSnapshot chartSnapshot(int buckets) {
        ExperimentsCompared c = compared;
        if (c != null) {
            LossChartOptions options = chartPane.options().withBuckets(buckets);
            return () -> c.lossChart(options);
        }
        List<RunHistory> histories = shownHistories();
        if (histories == null) {
            return null;
        }
        ExperimentSpec spec = model.spec();
        List<RunSpec> runs = model.runs();
        int sweepIndex = spec.sweep().active() ? Math.min(chartPane.sweepIndex(), spec.sweep().size() - 1) : 0;
        List<float[]> scores = histories.stream().map(RunHistory::scores).toList();
        int[] epochEnds = LossCharts.epochEnds(runs, histories, sweepIndex);
        double[] accuracies = model.accuracies();
        RunStatus[] statuses = new RunStatus[runs.size()];
        for (RunSpec r : runs) {
            statuses[r.index()] = job != null && job.runner() != null ? job.runner().status(r.index())
                    : model.status(r.index());
        }
        List<String> notes = LossCharts.notes(spec, runs, accuracies, statuses, sweepIndex);
        LossChartOptions options = chartPane.options().withBuckets(buckets);
        return () -> LossCharts.of(spec, runs, scores, epochEnds, notes, options, sweepIndex);
    }

    /** A chart definition to be built off the FX thread. */
    private interface ChartSnapshot {
        ChartDefinition build();
    }

    private interface Job {
        String run() throws Exception;
    }

    private Thread background(String name, Job work) {
        Thread t = new Thread(() -> {
            try {
                backgroundMessage.set(work.run());
            } catch (Exception e) {
                String message = name.startsWith("export") || name.startsWith("save")
                        ? (name.startsWith("save") ? "Saving failed: " : "Export failed: ") + IoErrors.describe(e)
                        + (name.startsWith("export") ? " (the results are still in memory: try another place)" : "")
                        : "Failed: " + e.getMessage();
                backgroundMessage.set(message);
                Platform.runLater(() -> showError(null, message));
            }
        }, "bnlab-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void showError(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(header);
        alert.initOwner(stage);
        alert.show();
    }

    // ---- for tests ----

    ExperimentsCompared compared() {
        return compared;
    }

    DashboardModel model() {
        return model;
    }

    ChartPane chartPane() {
        return chartPane;
    }

    ChartViews views() {
        return views;
    }

    ResultsPanel results() {
        return results;
    }

    SettingsForm settings() {
        return settings;
    }

    int uiUpdates() {
        return uiUpdates.get();
    }

    ExperimentJob job() {
        return job;
    }

    String statusText() {
        return statusBar.text();
    }
}
