package dev.bnlab.ui.model;

import dev.bnlab.analysis.ExperimentAnalysis;
import dev.bnlab.analysis.PairedComparison;
import dev.bnlab.analysis.SampleSummary;
import dev.bnlab.analysis.Verdict;
import dev.bnlab.experiment.ExperimentEvent;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.report.ExperimentsCompared;
import dev.bnlab.report.ResultsReader;
import dev.bnlab.experiment.Progress;
import dev.bnlab.experiment.ProgressTracker;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.probe.ProbeSite;
import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.RunSpec;
import dev.bnlab.spec.Variant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the window shows, without JavaFX: the phase of the current experiment, the state of every run, the
 * results per variant and the verdicts, the status line and which controls are enabled. The window feeds it
 * the core's events (drained once per frame) and renders it; tests drive it with scripted events.
 * Every change bumps {@link #version()}, so the window redraws only what changed, at most once per frame.
 */
public final class DashboardModel {
    /** What the window is doing. */
    public enum Phase { IDLE, PREPARING, RUNNING, STOPPING, ENDED }

    /**
     * What the probe charts need, copied on the window's thread so they can be built on another: the experiment,
     * its runs and each run's probe points so far (indexed like {@code runs}).
     */
    public record ProbeData(ExperimentSpec spec, List<RunSpec> runs, List<List<ProbePoint>> probes) {
    }

    /** One variant's line in the results panel. */
    public record VariantRow(String name, int colorIndex, String headline, String detail) {
    }

    private final SettingsFormModel form;
    private Phase phase = Phase.IDLE;
    private ExperimentSpec spec;
    private List<RunSpec> runs = List.of();
    private RunStatus[] statuses = new RunStatus[0];
    private double[] accuracies = new double[0];
    private String[] notes = new String[0];
    private List<List<ProbePoint>> probes = List.of();
    private int probeCount;
    private ProgressTracker progress = new ProgressTracker();
    private ExperimentResult result;
    private ExperimentAnalysis analysis;
    private boolean evaluatedAfterStop;
    /** Where the shown results were read from (Open results…), or null for an experiment run here. */
    private String openedFrom;
    /** Several past experiments shown together (Compare…, --compare), or null. */
    private ExperimentsCompared comparison;
    private boolean evaluating;
    private String status = "Ready";
    private String hint = "Press Start to train every variant on the same minibatches, seed by seed. Test accuracy"
            + " and the verdict appear here when training ends.";
    private long version;

    public DashboardModel(ExperimentSpec initial) {
        this.form = new SettingsFormModel(initial);
        showRuns(initial);
    }

    public SettingsFormModel form() {
        return form;
    }

    // ---- inputs ----

    /** Start was pressed with a valid form: the experiment is being prepared (data checked, networks built). */
    public void preparing(ExperimentSpec experiment) {
        openedFrom = null;
        comparison = null;
        showRuns(experiment);
        progress = new ProgressTracker();
        result = null;
        analysis = null;
        evaluatedAfterStop = false;
        phase = Phase.PREPARING;
        status = "Preparing …";
        hint = "Training … test accuracy appears here as runs end; the verdict when all have.";
        changed();
    }

    /** A message from the data preparation or a background job (export, evaluation). */
    public void message(String text) {
        status = text;
        changed();
    }

    public void stopping() {
        if (phase == Phase.PREPARING || phase == Phase.RUNNING) {
            phase = Phase.STOPPING;
            changed();
        }
    }

    public void apply(ExperimentEvent event) {
        progress.onEvent(event);
        if (event instanceof ExperimentEvent.Started s) {
            showRuns(s.spec());
            phase = phase == Phase.STOPPING ? Phase.STOPPING : Phase.RUNNING;
        } else if (event instanceof ExperimentEvent.RunStarted s) {
            statuses[s.run()] = RunStatus.RUNNING;
        } else if (event instanceof ExperimentEvent.RunDiverged d) {
            notes[d.run()] = "diverged at iteration " + d.iteration();
        } else if (event instanceof ExperimentEvent.RunFailed f) {
            notes[f.run()] = "failed: " + f.message();
        } else if (event instanceof ExperimentEvent.RunEvaluated r) {
            accuracies[r.run()] = r.accuracy();
        } else if (event instanceof ExperimentEvent.RunEnded e) {
            statuses[e.result().run().index()] = e.result().status();
        } else if (event instanceof ExperimentEvent.Ended ended) {
            ended(ended.result());
        } else if (event instanceof ExperimentEvent.ProbeRecorded p) {
            probes.get(p.run()).add(p.point());
            probeCount++;
            return; // the probe views poll the count at the chart's pace: no need to re-render the panels
        } else {
            return; // scores and epochs: the chart and the status line poll, no need to re-render the panel
        }
        changed();
    }

    private void ended(ExperimentResult r) {
        result = r;
        analysis = ExperimentAnalysis.of(r);
        for (RunResult run : r.runs()) {
            statuses[run.run().index()] = run.status();
            accuracies[run.run().index()] = run.testAccuracy();
        }
        phase = Phase.ENDED;
        int iterations = r.runs().stream().mapToInt(RunResult::iterations).max().orElse(0);
        status = String.format(Locale.ROOT, "%s after %.1f s · %d run%s · up to %,d iterations each",
                capitalize(r.status().label()), r.seconds(), r.runs().size(), r.runs().size() == 1 ? "" : "s", iterations);
        hint = switch (r.status()) {
            case STOPPED -> "Stopped: the curves are kept. Evaluate the networks as they are now, or press Start for a fresh run.";
            case FAILED -> "Failed: " + r.message();
            case FINISHED -> "";
        };
    }

    /**
     * Results of an earlier experiment, read from its folder: shown as if it had just run here, with its
     * probes; its networks are not here, so there is nothing to evaluate or export again.
     */
    public void opened(ResultsReader.OpenedResults opened) {
        comparison = null;
        ExperimentResult r = opened.result();
        showRuns(r.spec());
        progress = new ProgressTracker();
        evaluatedAfterStop = false;
        for (int i = 0; i < r.histories().size() && i < probes.size(); i++) {
            List<ProbePoint> points = r.histories().get(i).probes();
            probes.get(i).addAll(points);
            probeCount += points.size();
        }
        ended(r);
        openedFrom = opened.dir().toString();
        status = "Opened " + openedFrom + " · " + status;
        hint = "Results of an earlier experiment (BN Lab " + opened.writtenBy() + "). Its settings are in the form:"
                + " press Start to run it again.";
        changed();
    }

    /** Several earlier experiments side by side: their loss curves in one chart, their rows and verdicts. */
    public void compared(ExperimentsCompared compared) {
        showRuns(compared.experiments().get(0).result().spec());
        progress = new ProgressTracker();
        comparison = compared;
        openedFrom = null;
        result = null;
        analysis = null;
        evaluatedAfterStop = false;
        phase = Phase.ENDED;
        status = "Comparing " + compared.experiments().size() + " experiments: " + String.join(", ", compared.labels());
        hint = "Seeds are paired within an experiment, never across two: each verdict is its own experiment's.";
        changed();
    }

    /** The experiments shown together, or null. */
    public ExperimentsCompared comparison() {
        return comparison;
    }

    /** The folder the shown results were read from, or null. */
    public String openedFrom() {
        return openedFrom;
    }

    /** The job ended before training began: stopped while preparing, so nothing was recorded. */
    public void cancelledBeforeTraining() {
        phase = Phase.ENDED;
        status = "Stopped before training began: nothing was recorded.";
        hint = "Stopped while preparing the data. Press Start to begin again.";
        changed();
    }

    /** The job could not start (e.g. MNIST missing and impossible to fetch). */
    public void failedToStart(String message) {
        phase = Phase.ENDED;
        status = "Could not start: " + firstLine(message);
        hint = message;
        changed();
    }

    /** An "Evaluate now" ended for an experiment no longer shown: its numbers are dropped, the controls freed. */
    public void evaluationDropped() {
        evaluating = false;
        changed();
    }

    /** "Evaluate now" began: nothing else may start until it has ended. */
    public void evaluating() {
        evaluating = true;
        changed();
    }

    /**
     * "Evaluate now" measured the stopped networks: accuracies by run, NaN where a run was not measured (it
     * diverged, failed, or had no network yet). The result becomes the evaluated one, so an export carries it.
     */
    public void evaluatedNow(double[] byRun) {
        evaluating = false;
        for (int i = 0; i < byRun.length && i < accuracies.length; i++) {
            if (!Double.isNaN(byRun[i])) {
                accuracies[i] = byRun[i];
            }
        }
        evaluatedAfterStop = true;
        if (result != null) { // the verdict over the networks as they were when stopped
            List<RunResult> evaluated = new ArrayList<>();
            for (RunResult r : result.runs()) {
                evaluated.add(new RunResult(r.run(), r.status(), accuracies[r.run().index()], r.testExamples(),
                        r.finalScore(), r.trainingSeconds(), r.probeSeconds(), r.iterations(), r.message()));
            }
            result = new ExperimentResult(result.spec(), result.status(), evaluated, result.histories(),
                    result.startedAt(), result.seconds(), result.message());
            analysis = ExperimentAnalysis.of(result);
        }
        changed();
    }

    // ---- outputs ----

    public long version() {
        return version;
    }

    public Phase phase() {
        return phase;
    }

    public boolean busy() {
        return phase == Phase.PREPARING || phase == Phase.RUNNING || phase == Phase.STOPPING;
    }

    public boolean startEnabled() {
        return !busy() && !evaluating;
    }

    public boolean stopEnabled() {
        return phase == Phase.PREPARING || phase == Phase.RUNNING;
    }

    public boolean settingsEditable() {
        return !busy() && !evaluating;
    }

    public boolean exportResultsEnabled() {
        return phase == Phase.ENDED && result != null && openedFrom == null;
    }

    public boolean evaluateVisible() {
        return phase == Phase.ENDED && result != null && result.status() == ExperimentResult.Status.STOPPED
                && openedFrom == null;
    }

    /** Whether "Evaluate now" is measuring the stopped networks. */
    public boolean isEvaluating() {
        return evaluating;
    }

    /** The experiment of the current or last job (or the form's, before any). */
    public ExperimentSpec spec() {
        return spec;
    }

    public List<RunSpec> runs() {
        return runs;
    }

    public ExperimentResult result() {
        return result;
    }

    public ExperimentAnalysis analysis() {
        return analysis;
    }

    public String hint() {
        return hint;
    }

    /** The status line: the last message, or while training, where training is. */
    public String status() {
        if (phase != Phase.RUNNING && phase != Phase.STOPPING || !progress.started()) {
            return status;
        }
        Progress p = progress.snapshot();
        String running = runningRuns();
        return String.format(Locale.ROOT, "%s%s · iteration %,d/%,d · %,.0f examples/s · elapsed %s · ETA %s",
                phase == Phase.STOPPING ? "Stopping" : "Training", running, p.done(), p.total(),
                p.examplesPerSecond(), p.elapsedText(), p.etaText());
    }

    private String runningRuns() {
        if (runs.size() <= 2) {
            return "";
        }
        int running = 0;
        int ended = 0;
        for (RunStatus st : statuses) {
            running += st == RunStatus.RUNNING || st == RunStatus.EVALUATING ? 1 : 0;
            ended += st.isTerminal() ? 1 : 0;
        }
        return String.format(Locale.ROOT, " · %d of %d runs done, %d running", ended, runs.size(), running);
    }

    public double progressFraction() {
        return switch (phase) {
            case IDLE -> 0;
            case PREPARING -> -1; // indeterminate
            case RUNNING, STOPPING -> progress.started() ? progress.snapshot().fraction() : -1;
            case ENDED -> result != null && result.status() == ExperimentResult.Status.FINISHED ? 1
                    : progress.started() ? progress.snapshot().fraction() : 0;
        };
    }

    /** Iterations done by a run so far (0 before it began). */
    public int iterations(int run) {
        return progress.iterations(run);
    }

    /**
     * One row per variant (in a sweep, per variant and value): its test accuracy over the seeds evaluated so
     * far, and how its runs went.
     */
    public List<VariantRow> variantRows() {
        List<VariantRow> rows = new ArrayList<>();
        if (comparison != null) {
            for (ExperimentsCompared.Row r : comparison.rows()) {
                SampleSummary s = r.accuracy();
                String headline = s.n() == 0 ? "—" : s.n() == 1 ? percent(s.mean())
                        : String.format(Locale.ROOT, "%.2f %% ± %.2f", 100 * s.mean(), 100 * s.halfWidth());
                String detail = r.evaluated() + " of " + r.runs() + (r.runs() == 1 ? " run" : " seeds") + " evaluated"
                        + (s.n() >= 2 ? String.format(Locale.ROOT, " · 95 %% CI %.2f–%.2f %%", 100 * s.ciLow(),
                        100 * s.ciHigh()) : "");
                rows.add(new VariantRow(r.name(), r.colorIndex(), headline, detail));
            }
            return rows;
        }
        if (spec == null) {
            return rows;
        }
        for (int c = 0; c < spec.sweep().size(); c++) {
            for (int v = 0; v < spec.variants().size(); v++) {
                double[] acc = accuraciesOf(v, c);
                SampleSummary s = SampleSummary.of(acc);
                String headline;
                if (s.n() == 0) {
                    headline = "…";
                } else if (spec.seeds() == 1) {
                    headline = percent(s.mean());
                } else if (s.n() == 1) {
                    headline = percent(s.mean()) + " (1 seed)";
                } else {
                    headline = String.format(Locale.ROOT, "%.2f %% ± %.2f", 100 * s.mean(), 100 * s.halfWidth());
                }
                String name = spec.sweep().active() ? spec.variants().get(v).name() + " · " + spec.sweep().label(c)
                        : spec.variants().get(v).name();
                rows.add(new VariantRow(name, v, headline, detail(RunSpec.indicesOf(runs, v, c), s)));
            }
        }
        return rows;
    }

    private String detail(int[] mine, SampleSummary s) {
        if (spec.seeds() == 1 && mine.length == 1) {
            int i = mine[0];
            if (result != null && statuses[i].isTerminal()) {
                RunResult r = result.runs().get(i);
                String note = notes[i] != null ? notes[i] : r.status().label();
                return String.format(Locale.ROOT, "%s · final loss %s · %.1f s", note,
                        Double.isFinite(r.finalScore()) ? String.format(Locale.ROOT, "%.4f", r.finalScore()) : "—",
                        r.trainingSeconds());
            }
            return notes[i] != null ? notes[i] : phrase(statuses[i]);
        }
        int running = 0;
        int diverged = 0;
        int failed = 0;
        for (int i : mine) {
            running += statuses[i] == RunStatus.RUNNING || statuses[i] == RunStatus.EVALUATING ? 1 : 0;
            diverged += statuses[i] == RunStatus.DIVERGED ? 1 : 0;
            failed += statuses[i] == RunStatus.FAILED ? 1 : 0;
        }
        StringBuilder d = new StringBuilder();
        d.append(s.n()).append(" of ").append(mine.length).append(" seeds evaluated");
        if (s.n() >= 2) {
            d.append(String.format(Locale.ROOT, " · 95 %% CI %.2f–%.2f %% · sd %.2f", 100 * s.ciLow(), 100 * s.ciHigh(),
                    100 * s.sd()));
        }
        if (running > 0) {
            d.append(" · ").append(running).append(" training");
        }
        if (diverged > 0) {
            d.append(" · ").append(diverged).append(" diverged");
        }
        if (failed > 0) {
            d.append(" · ").append(failed).append(" failed");
        }
        return d.toString();
    }

    /**
     * The verdict of each variant against the reference, once the experiment has ended. From five seeds on the
     * verdict names its own numbers; below, the difference and its interval come first.
     */
    public List<String> verdicts() {
        List<String> lines = new ArrayList<>();
        if (comparison != null) {
            return comparison.verdicts();
        }
        if (analysis == null) {
            return lines;
        }
        for (ExperimentAnalysis.Comparison c : analysis.comparisons()) {
            PairedComparison s = c.stats();
            String text = capitalize(c.verdict().text());
            if (c.verdict().level() == Verdict.Level.TOO_FEW_SEEDS) {
                String pair = c.candidate().name() + " vs " + c.reference().name()
                        + (c.sweepLabel().isEmpty() ? "" : " at " + c.sweepLabel());
                text = String.format(Locale.ROOT, "%s: %+.2f points (95 %% CI %+.2f to %+.2f). %s",
                        pair, 100 * s.meanDifference(), 100 * s.ciLow(), 100 * s.ciHigh(), text);
            }
            lines.add(text + (evaluatedAfterStop ? " (networks evaluated when stopped)" : ""));
        }
        return lines;
    }

    /** Test accuracy of every run so far, by run (NaN where not evaluated). */
    public double[] accuracies() {
        return accuracies.clone();
    }

    /** Where run {@code run} is: PENDING until it starts. */
    public RunStatus status(int run) {
        return run < statuses.length && statuses[run] != null ? statuses[run] : RunStatus.PENDING;
    }

    /** Accuracy of each run of variant {@code v}, in seed order (NaN where not evaluated). */
    private double[] accuraciesOf(int v, int sweepIndex) {
        return java.util.Arrays.stream(RunSpec.indicesOf(runs, v, sweepIndex)).mapToDouble(i -> accuracies[i]).toArray();
    }

    // ---- what the probes measured ----

    /** Whether the current (or, before any, the form's) experiment records probes: eval-every above 0. */
    public boolean probesOn() {
        return comparison == null && spec.monitoring().enabled();
    }

    /** What the probe views say when the experiment records no probes. */
    public String probesOffText() {
        if (comparison != null) {
            return "A comparison shows the experiments' loss curves and results. To see what the probes measured in"
                    + " one of them, open its folder alone (Open results…).";
        }
        return "Nothing is measured inside the networks in this experiment (Measure every is 0). Set \"Measure every\""
                + " in the settings to K > 0 (on the command line: --eval-every K) and press Start: every K iterations"
                + " each run then records accuracy, the hidden layers' percentiles and layer health.";
    }

    /** Probe points recorded so far over all runs: it grows as they come, so views know when to redraw. */
    public int probeCount() {
        return probeCount;
    }

    /** Every run's probe points so far, as copies that training cannot change. */
    public ProbeData probeData() {
        List<List<ProbePoint>> copy = new ArrayList<>(probes.size());
        for (List<ProbePoint> run : probes) {
            copy.add(List.copyOf(run));
        }
        return new ProbeData(spec, runs, copy);
    }

    /** The hidden layers a distribution view can show, numbered from 1 at the input side. */
    public List<Integer> hiddenLayers() {
        int n = spec.hyperparameters().hiddenUnits().size();
        List<Integer> layers = new ArrayList<>(n);
        for (int l = 1; l <= n; l++) {
            layers.add(l);
        }
        return layers;
    }

    /** Units in hidden layer {@code layer} (from 1). */
    public int unitsIn(int layer) {
        return spec.hyperparameters().hiddenUnits().get(layer - 1);
    }

    /** The unit a distribution view follows at first in {@code layer}: the spec's probe unit, if the layer has it. */
    public int defaultUnit(int layer) {
        return Math.min(spec.monitoring().probeUnit(), unitsIn(layer) - 1);
    }

    /**
     * The sites some variant of the experiment records: the input to the nonlinearity always; BN's input with BN
     * anywhere; BN's output only with BN after the activation (before it, BN's output is that input).
     */
    public List<ProbeSite> probeSites() {
        List<ProbeSite> sites = new ArrayList<>(List.of(ProbeSite.PRE_ACTIVATION));
        List<BnPlacement> placements = spec.variants().stream().map(Variant::batchNorm).toList();
        if (placements.stream().anyMatch(p -> p != BnPlacement.NONE)) {
            sites.add(ProbeSite.BN_INPUT);
        }
        if (placements.contains(BnPlacement.AFTER)) {
            sites.add(ProbeSite.BN_OUTPUT);
        }
        return sites;
    }

    // ---- helpers ----

    private void showRuns(ExperimentSpec experiment) {
        spec = experiment;
        runs = experiment.expand();
        statuses = new RunStatus[runs.size()];
        Arrays.fill(statuses, RunStatus.PENDING);
        accuracies = new double[runs.size()];
        Arrays.fill(accuracies, Double.NaN);
        notes = new String[runs.size()];
        probes = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            probes.add(new ArrayList<>());
        }
        probeCount = 0;
    }

    private void changed() {
        version++;
    }

    private static String phrase(RunStatus s) {
        return switch (s) {
            case PENDING -> "waiting";
            case RUNNING -> "training";
            case EVALUATING -> "evaluating";
            default -> s.label();
        };
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
}
