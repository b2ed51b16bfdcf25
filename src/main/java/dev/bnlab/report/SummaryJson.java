package dev.bnlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bnlab.data.VerifiedFile;
import dev.bnlab.experiment.ExperimentConfig;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.Nd4jThreads;
import dev.bnlab.experiment.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: the full config, each run's outcome (name, BN or not, test accuracy, final score,
 * training seconds, status), library versions and the checksums of the MNIST files trained on.
 */
public final class SummaryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    public static void write(Path file, ExperimentResult result, Path dataDir, List<VerifiedFile> dataFiles)
            throws IOException {
        Map<String, Object> root = toMap(result, dataDir, dataFiles);
        AtomicFiles.write(file, out -> MAPPER.writeValue(out, root));
    }

    public static Map<String, Object> toMap(ExperimentResult result, Path dataDir, List<VerifiedFile> dataFiles) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("status", result.status().label());
        if (result.message() != null) {
            root.put("message", result.message());
        }
        root.put("started_at", result.startedAt().toString());
        root.put("wall_seconds", round(result.seconds(), 3));
        root.put("config", config(result.config()));
        root.put("runs", result.runs().stream().map(SummaryJson::run).toList());
        accuracyDifference(result).ifPresent(d -> root.put("accuracy_difference_points", round(d, 4)));
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("bnlab", Versions.bnlab());
        versions.put("deeplearning4j", Versions.dl4j());
        versions.put("nd4j", Versions.nd4j());
        versions.put("java", System.getProperty("java.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        versions.put("cpus", Runtime.getRuntime().availableProcessors());
        versions.put("native_threads_per_run", Nd4jThreads.perRun());
        versions.put("layer_code", dev.bnlab.experiment.NetworkFactory.stockLayers() ? "DL4J's own dense and BN layers"
                : "BN Lab's lean dense and BN layers (same maths as DL4J's, fewer operations)");
        versions.put("subnormal_flush", dev.bnlab.experiment.SubnormalFlush.enabled());
        root.put("environment", versions);
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

    /** With-BN accuracy minus without-BN accuracy, in percentage points, when both were evaluated. */
    public static java.util.Optional<Double> accuracyDifference(ExperimentResult result) {
        RunResult plain = null;
        RunResult bn = null;
        for (RunResult r : result.runs()) {
            if (r.evaluated() && r.batchNorm() && bn == null) {
                bn = r;
            } else if (r.evaluated() && !r.batchNorm() && plain == null) {
                plain = r;
            }
        }
        return plain == null || bn == null ? java.util.Optional.empty()
                : java.util.Optional.of(100 * (bn.testAccuracy() - plain.testAccuracy()));
    }

    private static Map<String, Object> config(ExperimentConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", c.epochs());
        m.put("batch_size", c.batchSize());
        m.put("learning_rate", c.learningRate());
        m.put("momentum", c.momentum());
        m.put("updater", "Nesterovs");
        m.put("seed", c.seed());
        m.put("train_examples", c.trainExamples());
        m.put("test_examples", c.testExamples());
        m.put("inputs", 784);
        m.put("hidden_units", c.hiddenUnits());
        m.put("outputs", 10);
        m.put("hidden_activation", "relu");
        m.put("batch_norm_placement", "after activation");
        m.put("output", "softmax + negative log-likelihood");
        m.put("weight_init", "uniform +-1/sqrt(fan_in) (like torch.nn.Linear), biases too");
        m.put("input_scaling", "pixels to [-1, 1]");
        m.put("runs", c.runs().stream().map(r -> Map.of("name", r.name(), "batch_norm", r.batchNorm())).toList());
        return m;
    }

    private static Map<String, Object> run(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("batch_norm", r.batchNorm());
        m.put("status", r.status().label());
        m.put("test_accuracy", r.evaluated() ? round(r.testAccuracy(), 6) : null);
        m.put("test_examples", r.evaluated() ? r.testExamples() : 0);
        m.put("final_score", Double.isFinite(r.finalScore()) ? round(r.finalScore(), 6) : null);
        m.put("training_seconds", round(r.trainingSeconds(), 3));
        m.put("iterations", r.iterations());
        if (r.message() != null) {
            m.put("message", r.message());
        }
        return m;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

}
