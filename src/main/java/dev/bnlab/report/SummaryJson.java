package dev.bnlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bnlab.analysis.ExperimentAnalysis;
import dev.bnlab.analysis.PairedComparison;
import dev.bnlab.analysis.SampleSummary;
import dev.bnlab.data.MnistNormalizer;
import dev.bnlab.data.VerifiedFile;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.Nd4jThreads;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.network.NetworkFactory;
import dev.bnlab.network.SubnormalFlush;
import dev.bnlab.spec.Sweep;
import dev.bnlab.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: the experiment's full spec (so {@code --spec summary.json} re-runs it), every run's
 * outcome, each variant's accuracy over seeds, the paired comparisons with the verdict, the files written,
 * library versions and the checksums of the MNIST files trained on. The schema is in docs/summary-json.md;
 * {@link #SCHEMA_VERSION} changes whenever a field changes meaning or goes away.
 */
public final class SummaryJson {
    public static final int SCHEMA_VERSION = 2;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    public static void write(Path file, ExperimentResult result, Path dataDir, List<VerifiedFile> dataFiles,
                             Map<String, String> files) throws IOException {
        write(file, result, dataDir, dataFiles, files, Map.of());
    }

    /** With {@code models}, the model file of each run that has one, by run index. */
    public static void write(Path file, ExperimentResult result, Path dataDir, List<VerifiedFile> dataFiles,
                             Map<String, String> files, Map<Integer, SavedModel> models) throws IOException {
        Map<String, Object> root = toMap(result, dataDir, dataFiles, files, models);
        AtomicFiles.write(file, out -> MAPPER.writeValue(out, root));
    }

    public static Map<String, Object> toMap(ExperimentResult result, Path dataDir, List<VerifiedFile> dataFiles,
                                            Map<String, String> files) {
        return toMap(result, dataDir, dataFiles, files, Map.of());
    }

    public static Map<String, Object> toMap(ExperimentResult result, Path dataDir, List<VerifiedFile> dataFiles,
                                            Map<String, String> files, Map<Integer, SavedModel> models) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("status", result.status().label());
        if (result.message() != null) {
            root.put("message", result.message());
        }
        root.put("started_at", result.startedAt().toString());
        root.put("wall_seconds", round(result.seconds(), 3));
        root.put("spec", SpecJson.toJson(result.spec()));
        Sweep sweep = result.spec().sweep();
        root.put("runs", result.runs().stream().map(r -> run(r, sweep, models.get(r.run().index()))).toList());
        ExperimentAnalysis analysis = ExperimentAnalysis.of(result);
        root.put("variants", analysis.variants().stream().map(v -> variant(v, sweep)).toList());
        root.put("comparisons", analysis.comparisons().stream().map(c -> comparison(c, sweep)).toList());
        root.put("files", files);
        if (!models.isEmpty()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("directory", ModelFiles.DIRECTORY);
            m.put("format", "DL4J ModelSerializer zip (configuration.json with DL4J's own layer classes,"
                    + " coefficients.bin, updaterState.bin, normalizer.bin)");
            m.put("input_scaling", MnistNormalizer.DESCRIPTION
                    + "; normalizer.bin holds it as DL4J's NormalizerMinMaxScaler");
            m.put("saved", "one per finished run; runs that stopped, diverged or failed have none");
            root.put("models", m);
        }
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("bnlab", Versions.bnlab());
        environment.put("deeplearning4j", Versions.dl4j());
        environment.put("nd4j", Versions.nd4j());
        environment.put("java", System.getProperty("java.version"));
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        environment.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        environment.put("gc", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
        environment.put("native_threads_per_run", Nd4jThreads.perRun());
        environment.put("layer_code", NetworkFactory.stockLayers() ? "DL4J's own dense and BN layers"
                : "BN Lab's lean dense and BN layers (same maths as DL4J's, fewer operations)");
        environment.put("subnormal_flush", SubnormalFlush.enabled());
        root.put("environment", environment);
        Map<String, Object> mnist = new LinkedHashMap<>();
        mnist.put("directory", dataDir == null ? null : dataDir.toString());
        mnist.put("files", dataFiles.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.fileName());
            m.put("bytes", f.bytes());
            m.put("sha256", f.sha256());
            return m;
        }).toList());
        root.put("mnist", mnist);
        return root;
    }

    /** In a sweep, the value this entry is at, as {@code "sweep_value"}: a cell of the sweep. */
    private static void sweepValue(Map<String, Object> m, Sweep sweep, int index) {
        if (sweep.active()) {
            m.put("sweep_value", new java.math.BigDecimal(sweep.valueText(index)));
        }
    }

    private static Map<String, Object> run(RunResult r, Sweep sweep, SavedModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", r.variant());
        m.put("batch_norm", r.run().variant().batchNorm().id());
        sweepValue(m, sweep, r.run().sweepIndex());
        m.put("seed", r.seed());
        m.put("status", r.status().label());
        m.put("test_accuracy", r.evaluated() ? round(r.testAccuracy(), 6) : null);
        m.put("test_examples", r.evaluated() ? r.testExamples() : 0);
        m.put("final_loss", finite(r.finalScore(), 6));
        m.put("training_seconds", round(r.trainingSeconds(), 3));
        m.put("probe_seconds", round(r.probeSeconds(), 3));
        m.put("iterations", r.iterations());
        if (r.message() != null) {
            m.put("message", r.message());
        }
        m.put("model", model == null ? null : modelFile(model));
        return m;
    }

    private static Map<String, Object> modelFile(SavedModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", model.file());
        m.put("sha256", model.sha256());
        m.put("bytes", model.bytes());
        return m;
    }

    private static Map<String, Object> variant(ExperimentAnalysis.VariantSummary v, Sweep sweep) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.variant().name());
        m.put("batch_norm", v.variant().batchNorm().id());
        sweepValue(m, sweep, v.sweepIndex());
        m.put("runs", v.runs());
        m.put("evaluated", v.evaluated());
        m.put("diverged", v.diverged());
        m.put("failed", v.failed());
        m.put("stopped", v.stopped());
        SampleSummary a = v.accuracy();
        Map<String, Object> acc = new LinkedHashMap<>();
        acc.put("n", a.n());
        acc.put("mean", finite(a.mean(), 6));
        acc.put("sd", finite(a.sd(), 6));
        acc.put("ci95_low", finite(a.ciLow(), 6));
        acc.put("ci95_high", finite(a.ciHigh(), 6));
        m.put("test_accuracy", acc);
        return m;
    }

    private static Map<String, Object> comparison(ExperimentAnalysis.Comparison c, Sweep sweep) {
        PairedComparison s = c.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("candidate", c.candidate().name());
        m.put("reference", c.reference().name());
        sweepValue(m, sweep, c.sweepIndex());
        m.put("pairs", s.n());
        m.put("pairs_dropped", s.dropped());
        m.put("mean_difference_points", finite(100 * s.meanDifference(), 4));
        m.put("sd_points", finite(100 * s.sd(), 4));
        m.put("ci95_low_points", finite(100 * s.ciLow(), 4));
        m.put("ci95_high_points", finite(100 * s.ciHigh(), 4));
        m.put("t_statistic", finite(s.tStatistic(), 4));
        m.put("paired_t_test_p", finite(s.tTestP(), 6));
        m.put("wilcoxon_p", finite(s.wilcoxonP(), 6));
        m.put("differences_points", java.util.Arrays.stream(s.differences()).map(d -> round(100 * d, 4)).boxed().toList());
        m.put("verdict_level", c.verdict().level().name().toLowerCase());
        m.put("verdict", c.verdict().text());
        return m;
    }

    private static Double finite(double v, int digits) {
        return Double.isFinite(v) ? round(v, digits) : null;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
