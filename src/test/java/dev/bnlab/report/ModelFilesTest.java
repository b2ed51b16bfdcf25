package dev.bnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bnlab.data.MnistNormalizer;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.experiment.RunStatus;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The models/ folder of a real (small) experiment: what each zip holds, and what summary.json says of it. */
class ModelFilesTest {
    private static TrainedSlice slice;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws Exception {
        slice = TrainedSlice.get();
    }

    @Test
    void everyFinishedRunHasItsModelListedInSummaryJsonWithItsChecksumAndSize() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(slice.dir().resolve(ResultsWriter.SUMMARY).toFile());
        assertThat(summary.path("files").path("models").asText()).isEqualTo("models");
        assertThat(summary.path("models").path("input_scaling").asText()).contains("2x - 1");
        List<String> expected = List.of("models/without-bn-seed123.zip", "models/bn-after-activation-seed123.zip",
                "models/bn-before-activation-seed123.zip");
        for (int i = 0; i < 3; i++) {
            assertThat(slice.result().runs().get(i).status()).isEqualTo(RunStatus.FINISHED);
            JsonNode model = summary.path("runs").get(i).path("model");
            assertThat(model.path("file").asText()).isEqualTo(expected.get(i));
            Path file = slice.dir().resolve(model.path("file").asText());
            assertThat(model.path("bytes").asLong()).isEqualTo(Files.size(file)).isGreaterThan(100_000);
            assertThat(model.path("sha256").asText()).isEqualTo(sha256(file));
        }
        try (var files = Files.list(slice.dir().resolve("models"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("three models and no temporary file").hasSize(3).allMatch(n -> n.endsWith(".zip"));
        }
    }

    @Test
    void aModelNamesOnlyDl4jsClassesAndHoldsTheTrainedParametersOptimizerStateAndInputScaling() throws Exception {
        for (int i = 0; i < 3; i++) {
            Path file = slice.model(i);
            String json;
            try (ZipFile zip = new ZipFile(file.toFile());
                 InputStream in = zip.getInputStream(zip.getEntry(ModelSerializer.CONFIGURATION_JSON))) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(zip.getEntry(ModelSerializer.UPDATER_BIN)).isNotNull();
                assertThat(zip.getEntry(ModelSerializer.NORMALIZER_BIN)).isNotNull();
            }
            assertThat(json).contains("org.deeplearning4j.nn.conf.layers.DenseLayer").doesNotContain("dev.bnlab");

            MultiLayerNetwork trained = slice.runner().network(i);
            MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
            assertThat(Arrays.mismatch(restored.params().toFloatVector(), trained.params().toFloatVector()))
                    .as("first parameter that differs").isEqualTo(-1);
            INDArray state = trained.getUpdater().getStateViewArray();
            long learned = 0; // BN's running mean and variance are not learned by the optimizer
            for (int l = 0; l < trained.getnLayers(); l++) {
                for (var p : trained.getLayer(l).paramTable().entrySet()) {
                    learned += p.getKey().equals("mean") || p.getKey().equals("var") ? 0 : p.getValue().length();
                }
            }
            assertThat(state.length()).as("Nesterov keeps one value per learned parameter").isEqualTo(learned);
            assertThat(state.toFloatVector()).as("the optimizer's momentum is not all zero").isNotEqualTo(
                    new float[(int) state.length()]);
            assertThat(Arrays.mismatch(restored.getUpdater().getStateViewArray().toFloatVector(), state.toFloatVector()))
                    .as("first optimizer state value that differs").isEqualTo(-1);
            assertThat(restored.getIterationCount()).isEqualTo(slice.result().runs().get(i).iterations())
                    .isEqualTo(trained.getIterationCount());
            assertThat(restored.getEpochCount()).isEqualTo(1);

            DataSet images = testImages();
            assertThat(Arrays.mismatch(restored.output(images.getFeatures(), false).ravel().toFloatVector(),
                    trained.output(images.getFeatures(), false).ravel().toFloatVector()))
                    .as("first output on the test images that differs").isEqualTo(-1);

            NormalizerMinMaxScaler scaler = ModelSerializer.restoreNormalizerFromFile(file.toFile());
            assertThat(scaler.getTargetMin()).isEqualTo(-1.0);
            assertThat(scaler.getTargetMax()).isEqualTo(1.0);
        }
    }

    @Test
    void dl4jsNormalizerScalesTheImagesBitForBitAsBnLabDoes() throws Exception {
        float[] expected = images(new MnistNormalizer());
        float[] theirs = images(MnistNormalizer.dl4jEquivalent());
        assertThat(expected).contains(-1f, 1f);
        assertThat(Arrays.mismatch(theirs, expected)).as("first pixel scaled differently").isEqualTo(-1);
    }

    private static float[] images(DataSetPreProcessor scaling) throws Exception {
        var iterator = slice.data().testIterator(1_000, 1_000);
        try {
            iterator.setPreProcessor(scaling);
            return iterator.next().getFeatures().ravel().toFloatVector();
        } finally {
            iterator.close();
        }
    }

    @Test
    void runsThatStoppedDivergedOrFailedGetNoModel() throws Exception {
        ExperimentResult r = slice.result();
        List<RunResult> runs = new ArrayList<>(r.runs());
        runs.set(1, withStatus(runs.get(1), RunStatus.DIVERGED));
        runs.set(2, withStatus(runs.get(2), RunStatus.STOPPED));
        ExperimentResult partly = new ExperimentResult(r.spec(), ExperimentResult.Status.STOPPED, runs, r.histories(),
                r.startedAt(), r.seconds(), null);

        ResultsWriter.writeAll(dir, partly, slice.data(), TrainedNetworks.of(slice.runner()));

        try (var files = Files.list(dir.resolve("models"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("without-bn-seed123.zip");
        }
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(ResultsWriter.SUMMARY).toFile());
        assertThat(summary.path("runs").get(0).path("model").path("file").asText())
                .isEqualTo("models/without-bn-seed123.zip");
        assertThat(summary.path("runs").get(1).get("model").isNull()).isTrue();
        assertThat(summary.path("runs").get(2).get("model").isNull()).isTrue();
        assertThat(ResultsWriter.files(partly)).contains("models/ (1 model)");
    }

    @Test
    void aNetworkSavedAgainLaterIsTheSameBytes() throws Exception {
        ResultsWriter.writeAll(dir, slice.result(), slice.data(), TrainedNetworks.of(slice.runner()));

        long started = slice.result().startedAt().getEpochSecond() / 2 * 2 * 1000; // zip times have 2 s steps
        for (int i = 0; i < 3; i++) {
            Path again = dir.resolve("models").resolve(slice.model(i).getFileName());
            assertThat(sha256(again)).isEqualTo(sha256(slice.model(i)));
            try (ZipFile zip = new ZipFile(again.toFile())) {
                assertThat(zip.stream().map(e -> e.getTime())).as("entries dated when the experiment started")
                        .hasSize(4).containsOnly(started);
            }
        }
        assertThat(dir.resolve(ResultsWriter.SUMMARY)).hasSameBinaryContentAs(slice.dir().resolve(ResultsWriter.SUMMARY));
    }

    @Test
    void resultsWithoutNetworksWriteNoModels() throws Exception {
        ResultsWriter.writeAll(dir, slice.result(), slice.data());

        assertThat(dir.resolve("models")).doesNotExist();
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(ResultsWriter.SUMMARY).toFile());
        assertThat(summary.path("runs").get(0).get("model").isNull()).isTrue();
        assertThat(summary.has("models")).isFalse();
    }

    private static RunResult withStatus(RunResult r, RunStatus status) {
        return new RunResult(r.run(), status, status == RunStatus.STOPPED ? Double.NaN : r.testAccuracy(),
                r.testExamples(), r.finalScore(), r.trainingSeconds(), r.probeSeconds(), r.iterations(), "scripted");
    }

    private static DataSet testImages() throws Exception {
        var iterator = slice.data().testIterator(TrainedSlice.TEST_EXAMPLES, TrainedSlice.TEST_EXAMPLES);
        try {
            return iterator.next();
        } finally {
            iterator.close();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
