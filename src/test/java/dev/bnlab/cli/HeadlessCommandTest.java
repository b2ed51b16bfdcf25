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
        assertThat(console).contains("MNIST: 4 files verified").contains("without BN           epoch 1 done")
                .contains("BN after activation  test accuracy").contains("BN after activation - without BN: ")
                .contains("one seed: no verdict").contains("test accuracy");

        List<String> csv = Files.readAllLines(output.resolve("metrics.csv"));
        assertThat(csv.get(0)).isEqualTo("variant,seed,epoch,iteration,loss");
        assertThat(csv).hasSize(1 + 2 * 50); // 25 iterations per epoch, 2 epochs, 2 runs
        assertThat(csv).filteredOn(l -> l.startsWith("BN after activation,123,2,")).hasSize(25);

        JsonNode summary = new ObjectMapper().readTree(output.resolve("summary.json").toFile());
        assertThat(summary.path("status").asText()).isEqualTo("finished");
        assertThat(summary.path("spec").path("name").asText()).isEqualTo("notebook (edited)");
        assertThat(summary.path("spec").path("hyperparameters").path("train_examples").asInt()).isEqualTo(1600);
        assertThat(summary.path("spec").path("hyperparameters").path("batch_size").asInt()).isEqualTo(64);
        JsonNode runs = summary.path("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("variant").asText()).isEqualTo("without BN");
        assertThat(runs.get(0).path("batch_norm").asText()).isEqualTo("none");
        assertThat(runs.get(1).path("batch_norm").asText()).isEqualTo("after");
        for (JsonNode r : runs) {
            assertThat(r.path("status").asText()).isEqualTo("finished");
            assertThat(r.path("test_accuracy").asDouble()).isBetween(0.5, 1.0);
            assertThat(r.path("final_loss").asDouble()).isPositive();
            assertThat(r.path("training_seconds").asDouble()).isPositive();
        }
        assertThat(summary.path("comparisons").get(0).path("verdict").asText()).startsWith("one seed: no verdict");
        assertThat(summary.path("environment").path("deeplearning4j").asText()).isEqualTo("1.0.0-M2.1");
        assertThat(summary.path("mnist").path("files")).hasSize(4);
        assertThat(summary.path("mnist").path("files").get(0).path("sha256").asText())
                .isEqualTo(MnistFile.TRAIN_IMAGES.expected().sha256());

        BufferedImage png = ImageIO.read(output.resolve("loss.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1600);
        assertThat(png.getHeight()).isEqualTo(900);
        assertThat(Files.readString(output.resolve("loss.svg"))).contains("<svg").contains("without BN");
    }

    @Test
    void writesWhatTheProbesMeasuredAsCsvsAndPictures() throws Exception {
        Path data = RealMnist.data().directory();
        Path output = dir.resolve("probes");

        int code = run("--no-gui", "--train-examples", "1600", "--test-examples", "300", "--epochs", "1",
                "--eval-every", "10", "--eval-examples", "200", "--probe-unit", "7", "--data-dir", data.toString(),
                "--output", output.toString());

        assertThat(code).as(err.toString()).isEqualTo(0);
        // 25 iterations: probes at 0, early at 1, 2 and 5 (K/8, K/4, K/2), at 10 and 20, and at the last (25)
        List<String> accuracy = Files.readAllLines(output.resolve("accuracy.csv"));
        assertThat(accuracy.get(0)).isEqualTo("variant,seed,epoch,iteration,accuracy");
        assertThat(accuracy).hasSize(1 + 2 * 7);
        assertThat(accuracy.stream().skip(1).filter(l -> l.startsWith("without BN,")).map(l -> l.split(",")[3]))
                .containsExactly("0", "1", "2", "5", "10", "20", "25");
        assertThat(accuracy.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[4])))
                .allSatisfy(a -> assertThat(a).isBetween(0.0, 1.0));

        List<String> activations = Files.readAllLines(output.resolve("activations.csv"));
        assertThat(activations.get(0)).isEqualTo("variant,seed,epoch,iteration,layer,site,unit,p15,p50,p85");
        // per point: without BN 2 layers x 1 site, BN after 2 layers x 3 sites; each pooled ("all") and unit 7
        assertThat(activations).hasSize(1 + 7 * (2 + 6) * 2);
        assertThat(activations).filteredOn(l -> l.startsWith("BN after activation,123,1,25,2,bn_output,7,")).hasSize(1);
        assertThat(activations).filteredOn(l -> l.startsWith("without BN,123,1,25,2,pre_activation,all,")).hasSize(1);
        assertThat(activations).noneMatch(l -> l.startsWith("without BN") && l.contains("bn_"));

        List<String> health = Files.readAllLines(output.resolve("health.csv"));
        assertThat(health.get(0)).isEqualTo(
                "variant,seed,epoch,iteration,layer,update_ratio_log10,gradient_norm,activation_mean,activation_std");
        assertThat(health).hasSize(1 + 7 * 3 + 7 * 5); // dense 1, dense 2, output; with BN also BN 1, BN 2
        assertThat(health).filteredOn(l -> l.startsWith("BN after activation,123,1,10,BN 2,")).hasSize(1);

        assertThat(ImageIO.read(output.resolve("accuracy.png").toFile()).getWidth()).isEqualTo(1600);
        BufferedImage figure = ImageIO.read(output.resolve("figure1.png").toFile());
        assertThat(figure.getWidth()).isEqualTo(3 * 1000); // (a) accuracy, (b) and (c) one per variant
        BufferedImage activationsPng = ImageIO.read(output.resolve("activations.png").toFile());
        assertThat(activationsPng.getWidth()).isEqualTo(2 * 1000);
        assertThat(activationsPng.getHeight()).isGreaterThan(3 * 560); // unit, pooled, BN in/out rows + heading
        assertThat(ImageIO.read(output.resolve("health.png").toFile()).getHeight()).isGreaterThan(4 * 520);

        JsonNode summary = new ObjectMapper().readTree(output.resolve("summary.json").toFile());
        assertThat(summary.path("files").path("accuracy").asText()).isEqualTo("accuracy.csv");
        assertThat(summary.path("files").path("figure1_png").asText()).isEqualTo("figure1.png");
        assertThat(summary.path("spec").path("monitoring").path("eval_every").asInt()).isEqualTo(10);
        assertThat(summary.path("spec").path("monitoring").path("probe_unit").asInt()).isEqualTo(7);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("accuracy.csv").contains("figure1.png");
    }

    @Test
    void withProbesOffNoProbeFilesAreWritten() throws Exception {
        Path output = dir.resolve("off");
        assertThat(run("--no-gui", "--train-examples", "640", "--test-examples", "100", "--epochs", "1",
                "--eval-every", "0", "--data-dir", RealMnist.data().directory().toString(), "--output",
                output.toString())).as(err.toString()).isEqualTo(0);
        assertThat(output.resolve("accuracy.csv")).doesNotExist();
        assertThat(output.resolve("figure1.png")).doesNotExist();
        JsonNode summary = new ObjectMapper().readTree(output.resolve("summary.json").toFile());
        assertThat(summary.path("files").has("accuracy")).isFalse();
        assertThat(summary.path("runs").get(0).path("probe_seconds").asDouble()).isZero();
    }

    @Test
    void aSweepMarksTheRateThatDivergesAndTrainsTheOther() throws Exception {
        Path output = dir.resolve("sweep");
        int code = run("--no-gui", "--train-examples", "6400", "--test-examples", "500", "--epochs", "1",
                "--eval-every", "0", "--sweep", "learning-rate=0.01,10", "--data-dir",
                RealMnist.data().directory().toString(), "--output", output.toString());

        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(console + err).isEqualTo(0);
        assertThat(console).contains("without BN · lr 10").contains("DIVERGED").contains("sweep.csv");
        JsonNode summary = new ObjectMapper().readTree(output.resolve("summary.json").toFile());
        assertThat(summary.path("spec").path("sweep").path("setting").asText()).isEqualTo("learning_rate");
        JsonNode runs = summary.path("runs");
        assertThat(runs).hasSize(4);
        for (JsonNode r : runs) {
            double lr = r.path("sweep_value").asDouble();
            if (lr == 0.01) {
                assertThat(r.path("status").asText()).isEqualTo("finished");
                assertThat(r.path("test_accuracy").asDouble()).isGreaterThan(0.5);
            } else {
                assertThat(lr).isEqualTo(10.0);
                assertThat(r.path("status").asText()).isEqualTo("diverged");
                assertThat(r.path("message").asText()).containsAnyOf("loss became", "exploded", "collapsed");
                assertThat(r.path("iterations").asInt()).isLessThan(100); // stopped early
            }
        }
        assertThat(summary.path("variants")).hasSize(4);
        assertThat(summary.path("comparisons")).hasSize(2);
        assertThat(summary.path("comparisons").get(0).path("sweep_value").asDouble()).isEqualTo(0.01);

        List<String> sweep = Files.readAllLines(output.resolve("sweep.csv"));
        assertThat(sweep.get(0)).isEqualTo(
                "variant,learning_rate,seed,status,test_accuracy,final_loss,iterations,diverged_at,iterations_to_95");
        assertThat(sweep).hasSize(1 + 4);
        assertThat(sweep).anyMatch(l -> l.startsWith("without BN,0.01,123,finished,0."));
        assertThat(sweep).anyMatch(l -> l.startsWith("without BN,10,123,diverged,"));
        assertThat(Files.readAllLines(output.resolve("metrics.csv")).get(0))
                .isEqualTo("variant,learning_rate,seed,epoch,iteration,loss");
        assertThat(ImageIO.read(output.resolve("loss.png").toFile()).getWidth()).isEqualTo(2 * 1000); // a panel per rate
    }

    @Test
    void aSummaryReRunsItsExperimentExactly() throws Exception {
        Path data = RealMnist.data().directory();
        Path first = dir.resolve("first");
        Path again = dir.resolve("again");
        assertThat(run("--no-gui", "--preset", "paper-fig1", "--train-examples", "600", "--test-examples", "300",
                "--epochs", "1", "--seeds", "2", "--variants", "none,before,after", "--data-dir", data.toString(),
                "--output", first.toString())).as(err.toString()).isEqualTo(0);

        assertThat(run("--no-gui", "--spec", first.resolve("summary.json").toString(), "--data-dir", data.toString(),
                "--output", again.toString())).as(err.toString()).isEqualTo(0);

        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(first.resolve("summary.json").toFile());
        JsonNode b = json.readTree(again.resolve("summary.json").toFile());
        assertThat(b.path("spec")).isEqualTo(a.path("spec"));
        assertThat(b.path("runs")).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(b.path("runs").get(i).path("test_accuracy")).isEqualTo(a.path("runs").get(i).path("test_accuracy"));
        }
        assertThat(Files.readAllLines(again.resolve("metrics.csv"))).isEqualTo(Files.readAllLines(first.resolve("metrics.csv")));
        assertThat(a.path("spec").path("hyperparameters").path("activation").asText()).isEqualTo("sigmoid");
        assertThat(a.path("comparisons")).hasSize(2);
        assertThat(a.path("comparisons").get(0).path("verdict").asText()).startsWith("only 2 seeds");
    }

    @Test
    void aBadSpecFileExitsWithCode2NamingTheField() throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.json"), "{\"hyperparameters\": {\"batch_size\": -1}}");

        int code = run("--no-gui", "--spec", spec.toString(), "--output", dir.resolve("out").toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(spec.toString())
                .contains("hyperparameters.batch_size: batch size must be between 1 and 60000 (got -1)");
        assertThat(dir.resolve("out")).as("nothing written").doesNotExist();
    }

    @Test
    void anUnknownPresetExitsWithCode2ListingThePresets() {
        assertThat(run("--no-gui", "--preset", "papr")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("there is no preset 'papr'")
                .contains("notebook, notebook-match, paper-fig1, high-lr, lr-sweep");
    }

    @Test
    void presetsAreListedAndASpecCanBePrinted() throws Exception {
        assertThat(run("--list-presets")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("notebook").contains("notebook-match").contains("paper-fig1")
                .contains("high-lr");
        out.reset();
        assertThat(run("--preset", "paper-fig1", "--seeds", "5", "--print-spec")).isEqualTo(0);
        dev.bnlab.spec.ExperimentSpec printed = dev.bnlab.spec.SpecJson.parse(out.toString(StandardCharsets.UTF_8), "out");
        assertThat(printed.seeds()).isEqualTo(5);
        assertThat(printed.withSeeds(1).hyperparameters()).isEqualTo(dev.bnlab.spec.Presets.load("paper-fig1").hyperparameters());
        assertThat(printed.name()).isEqualTo("paper-fig1 (edited)");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "--epochs 0                            | epochs must be between 1 and 1000 (got 0)",
            "--epochs -3                           | epochs must be between 1 and 1000 (got -3)",
            "--epochs 100000                       | epochs must be between 1 and 1000 (got 100000)",
            "--epochs abc                          | --epochs: epochs must be a whole number (got 'abc')",
            "--train-examples 0                    | train examples must be between 1 and 60000 (got 0)",
            "--train-examples 70000                | train examples must be between 1 and 60000 (got 70000)",
            "--test-examples 0                     | test examples must be between 1 and 10000 (got 0)",
            "--batch-size 0                        | batch size must be between 1 and",
            "--batch-size 2000 --train-examples 1000 | batch size must be between 1 and 1000 (the number of training examples; got 2000)",
            "--learning-rate 0                     | learning rate must be greater than 0 and at most 10 (got 0.0)",
            "--learning-rate -0.1                  | learning rate must be greater than 0 and at most 10 (got -0.1)",
            "--learning-rate 1e9                   | learning rate must be greater than 0 and at most 10",
            "--learning-rate fast                  | --learning-rate: learning rate must be a number (got 'fast')",
            "--momentum 1                          | momentum must be at least 0 and less than 1 (got 1.0)",
            "--momentum 1.5                        | momentum must be at least 0 and less than 1 (got 1.5)",
            "--momentum -0.5                       | momentum must be at least 0 and less than 1 (got -0.5)",
            "--seed x                              | --seed: first seed must be a whole number (got 'x')",
            "--seeds 0                             | seeds must be between 1 and 100 (got 0)",
            "--hidden-units 512,0                  | hidden layers must be 1 to 10 layers of 1 to 8192 units each (got 512,0)",
            "--activation tanh                     | --activation: activation must be one of relu, sigmoid (got 'tanh')",
            "--variants none,middle                | --variants: variants must be BN placements separated by commas",
            "--optimizer adam                      | --optimizer: optimizer must be one of nesterov, momentum, sgd (got 'adam')",
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
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "); // lines wrap anywhere
        assertThat(help).contains("--no-gui").contains("--preset").contains("--spec").contains("Exit codes");
        for (dev.bnlab.spec.Setting<?> s : dev.bnlab.spec.Settings.ALL) { // every setting, with its range and default
            assertThat(help).contains(s.option() + "=" + s.paramLabel()).contains(s.type().range());
        }
    }
}
