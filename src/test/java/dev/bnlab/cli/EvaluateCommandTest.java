package dev.bnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bnlab.Launcher;
import dev.bnlab.data.MnistFile;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.network.PortableNetwork;
import dev.bnlab.report.ResultsWriter;
import dev.bnlab.report.TrainedSlice;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bnlab evaluate --model FILE} on the models of a real (small) experiment, and on files that are not. */
class EvaluateCommandTest {
    private static TrainedSlice slice;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void train() throws Exception {
        slice = TrainedSlice.get();
    }

    private int evaluate(Path model, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "evaluate";
        args[1] = "--model";
        args[2] = model.toString();
        args[3] = "--data-dir=" + slice.data().directory();
        System.arraycopy(more, 0, args, 4, more.length);
        return Launcher.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String console() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aReloadedModelGetsExactlyTheAccuracyItsRunReported() throws Exception {
        for (RunResult run : slice.result().runs()) {
            SavedModelFile model = SavedModelFile.read(slice.model(run.run().index()));

            assertThat(model.testAccuracy(slice.data(), TrainedSlice.TEST_EXAMPLES)).as(run.name())
                    .isEqualTo(run.testAccuracy());
        }
    }

    @Test
    void aHeadlessRunSavesItsModelsAndEvaluateReproducesTheirAccuracy() throws Exception {
        Path output = dir.resolve("results");
        int trained = Launcher.execute(new String[]{"--no-gui", "--train-examples", "640", "--test-examples", "300",
                        "--epochs", "1", "--data-dir", slice.data().directory().toString(), "--output", output.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(trained).as(console()).isEqualTo(ExitCodes.OK);
        assertThat(console()).contains("models/ (2 models)");

        for (JsonNode run : new ObjectMapper().readTree(output.resolve(ResultsWriter.SUMMARY).toFile()).path("runs")) {
            out.reset();
            int code = evaluate(output.resolve(run.path("model").path("file").asText()), "--test-examples", "300");

            assertThat(code).as(console()).isEqualTo(ExitCodes.OK);
            assertThat(console()).contains("Test accuracy: " + run.path("test_accuracy").asText() + " (");
        }

        // --overwrite with other variants: the new experiment's models, none of the earlier one's
        int again = Launcher.execute(new String[]{"--no-gui", "--train-examples", "640", "--test-examples", "300",
                        "--epochs", "1", "--variants", "before", "--data-dir", slice.data().directory().toString(),
                        "--output", output.toString(), "--overwrite"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(again).as(console()).isEqualTo(ExitCodes.OK);
        try (var models = Files.list(output.resolve("models"))) {
            assertThat(models.map(p -> p.getFileName().toString())).containsExactly("bn-before-activation-seed123.zip");
        }
    }

    @Test
    void evaluatePrintsTheNetworkAndTheAccuracySummaryJsonRecorded() throws Exception {
        JsonNode run = new ObjectMapper().readTree(slice.dir().resolve(ResultsWriter.SUMMARY).toFile()).path("runs").get(2);
        Path model = slice.dir().resolve(run.path("model").path("file").asText());

        int code = evaluate(model, "--test-examples", Integer.toString(TrainedSlice.TEST_EXAMPLES));

        assertThat(code).as(console()).isEqualTo(ExitCodes.OK);
        double accuracy = run.path("test_accuracy").asDouble();
        assertThat(console())
                .contains("Model: " + model.toAbsolutePath() + " (")
                .contains("SHA-256 " + run.path("model").path("sha256").asText())
                .contains("(DenseLayer)").contains("(BatchNormalization)").contains("(ActivationLayer)")
                .contains("Trained " + slice.result().runs().get(2).iterations() + " iterations, 1 epoch;")
                .contains("optimizer Nesterovs (learning rate 0.01, momentum 0.9)")
                .contains("Inputs: the file's normalizer.bin (DL4J's NormalizerMinMaxScaler)")
                .contains("Test accuracy: " + EvaluateCommand.text(accuracy) + " (")
                .contains(" of 500 test images)");
        assertThat(EvaluateCommand.text(accuracy)).isEqualTo(run.path("test_accuracy").asText());
    }

    @Test
    void aModelWithoutANormalizerIsFedTheImagesAsBnLabScalesThem() throws Exception {
        RunResult run = slice.result().runs().get(1);
        MultiLayerNetwork portable = PortableNetwork.copyOf(slice.runner().network(1), run.run().hyperparameters(),
                run.run().variant().batchNorm(), 1);
        Path bare = dir.resolve("bare.zip");
        ModelSerializer.writeModel(portable, bare.toFile(), false);

        int code = evaluate(bare, "--test-examples", Integer.toString(TrainedSlice.TEST_EXAMPLES));

        assertThat(code).as(console()).isEqualTo(ExitCodes.OK);
        assertThat(console()).contains("no normalizer in the file: scaled as BN Lab trains")
                .contains("Test accuracy: " + EvaluateCommand.text(run.testAccuracy()) + " (");
    }

    @Test
    void aMissingFileAFolderAndFilesThatAreNotModelsExitWith2() throws Exception {
        assertThat(evaluate(dir.resolve("none.zip"))).isEqualTo(ExitCodes.USAGE);
        assertThat(console()).contains("Error: no model file " + dir.resolve("none.zip").toAbsolutePath());

        assertThat(evaluate(slice.dir().resolve("models"))).isEqualTo(ExitCodes.USAGE);
        assertThat(console()).contains("is a folder, not a model file");

        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        assertThat(evaluate(text)).isEqualTo(ExitCodes.USAGE);
        assertThat(console()).contains(text.toAbsolutePath() + " is not a network saved with DL4J's ModelSerializer"
                + " (it holds no configuration.json and coefficients.bin)");

        Path other = dir.resolve("other.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(other))) {
            zip.putNextEntry(new ZipEntry(ModelSerializer.CONFIGURATION_JSON));
            zip.write("{\"confs\": 42}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(ModelSerializer.COEFFICIENTS_BIN));
            zip.write(new byte[]{1, 2, 3});
        }
        assertThat(evaluate(other)).isEqualTo(ExitCodes.USAGE);
        assertThat(console()).contains(other.toAbsolutePath() + " is not a network saved with DL4J's ModelSerializer (");

        assertThat(evaluate(dir.resolve("irises.zip"), "--test-examples", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(console()).contains("--test-examples must be 1 to 10000 (got 0)");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Test accuracy");
    }

    @Test
    void aDl4jNetworkForOtherDataIsRefusedWith2() throws Exception {
        MultiLayerNetwork iris = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        iris.init();
        Path file = dir.resolve("iris.zip");
        ModelSerializer.writeModel(iris, file.toFile(), true);

        assertThat(evaluate(file)).isEqualTo(ExitCodes.USAGE);
        assertThat(console()).contains("is a DL4J network, but not an MNIST classifier: it takes 4 inputs and gives 3"
                + " outputs (MNIST: 784 pixels, 10 classes)");
    }

    @Test
    void damagedMnistDataExitsWith3() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        for (MnistFile f : MnistFile.values()) {
            Path real = slice.data().directory().resolve(f.fileName());
            if (f == MnistFile.TEST_LABELS) {
                Files.write(data.resolve(f.fileName()), Files.readAllBytes(real), java.nio.file.StandardOpenOption.CREATE_NEW);
                Files.write(data.resolve(f.fileName()), new byte[]{0}, java.nio.file.StandardOpenOption.APPEND);
            } else {
                Files.createSymbolicLink(data.resolve(f.fileName()), real);
            }
        }

        int code = Launcher.execute(new String[]{"evaluate", "--model", slice.model(0).toString(), "--data-dir",
                data.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(console()).isEqualTo(ExitCodes.DATA);
        assertThat(console()).contains("Error: ").contains(MnistFile.TEST_LABELS.fileName())
                .doesNotContain("Test accuracy");
    }
}
