package dev.bnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bnlab.Launcher;
import dev.bnlab.data.MnistFile;
import dev.bnlab.data.RealMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The headless command end to end, on a slice of the real MNIST files. */
class HeadlessCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Launcher.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesMetricsSummaryAndChartForASlice() throws Exception {
        Path data = RealMnist.data().directory();
        Path output = dir.resolve("results");

        int code = run("--no-gui", "--train-examples", "1600", "--test-examples", "500", "--epochs", "2",
                "--data-dir", data.toString(), "--output", output.toString());

        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(console + err).isEqualTo(0);
        assertThat(console).contains("MNIST: 4 files verified").contains("without BN  epoch 1 done")
                .contains("with BN     test accuracy").contains("Batch Normalization:").contains("run ")
                .contains("test accuracy");

        List<String> csv = Files.readAllLines(output.resolve("metrics.csv"));
        assertThat(csv.get(0)).isEqualTo("run,epoch,iteration,score");
        assertThat(csv).hasSize(1 + 2 * 50); // 25 iterations per epoch, 2 epochs, 2 runs
        assertThat(csv).filteredOn(l -> l.startsWith("with BN,2,")).hasSize(25);

        JsonNode summary = new ObjectMapper().readTree(output.resolve("summary.json").toFile());
        assertThat(summary.path("status").asText()).isEqualTo("finished");
        assertThat(summary.path("config").path("train_examples").asInt()).isEqualTo(1600);
        assertThat(summary.path("config").path("batch_size").asInt()).isEqualTo(64);
        JsonNode runs = summary.path("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("name").asText()).isEqualTo("without BN");
        assertThat(runs.get(0).path("batch_norm").asBoolean()).isFalse();
        assertThat(runs.get(1).path("batch_norm").asBoolean()).isTrue();
        for (JsonNode r : runs) {
            assertThat(r.path("status").asText()).isEqualTo("finished");
            assertThat(r.path("test_accuracy").asDouble()).isBetween(0.5, 1.0);
            assertThat(r.path("final_score").asDouble()).isPositive();
            assertThat(r.path("training_seconds").asDouble()).isPositive();
        }
        assertThat(summary.path("environment").path("deeplearning4j").asText()).isEqualTo("1.0.0-M2.1");
        assertThat(summary.path("mnist").path("files")).hasSize(4);
        assertThat(summary.path("mnist").path("files").get(0).path("sha256").asText())
                .isEqualTo(MnistFile.TRAIN_IMAGES.expected().sha256());

        BufferedImage png = ImageIO.read(output.resolve("loss.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1600);
        assertThat(png.getHeight()).isEqualTo(900);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "--epochs 0                            | epochs must be between 1 and 1000 (got 0)",
            "--epochs -3                           | epochs must be between 1 and 1000 (got -3)",
            "--epochs 100000                       | epochs must be between 1 and 1000 (got 100000)",
            "--epochs abc                          | Invalid value for option '--epochs': 'abc' is not an int",
            "--train-examples 0                    | train examples must be between 1 and 60000 (got 0)",
            "--train-examples 70000                | train examples must be between 1 and 60000 (got 70000)",
            "--test-examples 0                     | test examples must be between 1 and 10000 (got 0)",
            "--batch-size 0                        | batch size must be between 1 and",
            "--batch-size 2000 --train-examples 1000 | batch size must be between 1 and 1000 (the number of training examples; got 2000)",
            "--learning-rate 0                     | learning rate must be greater than 0 and at most 10 (got 0.0)",
            "--learning-rate -0.1                  | learning rate must be greater than 0 and at most 10 (got -0.1)",
            "--learning-rate 1e9                   | learning rate must be greater than 0 and at most 10",
            "--learning-rate fast                  | Invalid value for option '--learning-rate': 'fast' is not a double",
            "--momentum 1                          | momentum must be at least 0 and less than 1 (got 1.0)",
            "--momentum 1.5                        | momentum must be at least 0 and less than 1 (got 1.5)",
            "--momentum -0.5                       | momentum must be at least 0 and less than 1 (got -0.5)",
            "--seed x                              | Invalid value for option '--seed': 'x' is not a long",
    })
    void everyBadSettingExitsWithCode2NamingTheValidRange(String settings, String message) {
        List<String> args = new java.util.ArrayList<>(List.of("--no-gui", "--output", dir.resolve("out").toString()));
        args.addAll(List.of(settings.trim().split("\\s+")));

        int code = run(args.toArray(String[]::new));

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message).contains("Usage: bnlab");
        assertThat(dir.resolve("out")).as("nothing written").doesNotExist();
    }

    @Test
    void badSettingsExitWithCode2NamingTheRange() {
        int code = run("--no-gui", "--batch-size", "5000", "--train-examples", "1000", "--output", dir.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("batch size must be between 1 and 1000")
                .contains("Usage: bnlab");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void nonNumericValuesExitWithCode2() {
        assertThat(run("--no-gui", "--epochs", "three")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--epochs").contains("three");
    }

    @Test
    void aDataFolderThatCannotBeCreatedExitsWithCode3BeforeTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        int code = run("--no-gui", "--data-dir", file.resolve("mnist").toString(), "--output", dir.resolve("out").toString());

        assertThat(code).isEqualTo(ExitCodes.DATA);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot create the data folder")
                .contains(file.resolve("mnist").toString()).contains("--data-dir");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Training");
    }

    @Test
    void anOutputFolderThatCannotBeCreatedExitsWithCode4BeforeTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("occupied"), "x");

        int code = run("--no-gui", "--output", file.resolve("results").toString());

        assertThat(code).isEqualTo(ExitCodes.OUTPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot write results to").contains("--output DIR");
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("BN Lab 0.1.0").contains("Deeplearning4j 1.0.0-M2.1");
        out.reset();
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--no-gui").contains("--train-examples").contains("Exit codes");
    }
}
