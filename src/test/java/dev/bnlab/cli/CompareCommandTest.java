package dev.bnlab.cli;

import dev.bnlab.Launcher;
import dev.bnlab.data.RealMnist;
import dev.bnlab.report.ExperimentsCompared;
import dev.bnlab.report.ResultsReader;
import dev.bnlab.report.chart.ChartDefinition;
import dev.bnlab.report.chart.LossChartOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** --compare of two past experiments shows both: overlaid curves, both tables, each one's own verdicts. */
class CompareCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Launcher.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void comparingTwoFoldersShowsBothAndWritesTheOverlay() throws Exception {
        String data = RealMnist.data().directory().toString();
        for (String[] lr : new String[][]{{"slow", "0.01"}, {"fast", "0.1"}}) {
            assertThat(run("--no-gui", "--train-examples", "640", "--test-examples", "200", "--epochs", "1",
                    "--eval-every", "0", "--learning-rate", lr[1], "--data-dir", data,
                    "--output", dir.resolve(lr[0]).toString())).as(err.toString()).isZero();
        }

        int code = run("--no-gui", "--compare", dir.resolve("slow").toString(), dir.resolve("fast").toString(),
                "--output", dir.resolve("both").toString());

        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(console + err).isZero();
        assertThat(console).contains("slow · without BN").contains("slow · BN after activation")
                .contains("fast · without BN").contains("fast · BN after activation")
                .contains("slow: BN after activation - without BN: one seed: no verdict")
                .contains("fast: BN after activation - without BN: one seed: no verdict");
        List<String> csv = Files.readAllLines(dir.resolve("both").resolve("compare.csv"));
        assertThat(csv).hasSize(1 + 4);
        assertThat(csv.get(1)).startsWith("slow,").contains(",without BN,");
        assertThat(csv.get(4)).startsWith("fast,").contains(",BN after activation,");
        assertThat(ImageIO.read(dir.resolve("both").resolve("compare.png").toFile()).getWidth()).isEqualTo(1600);
        assertThat(Files.readString(dir.resolve("both").resolve("compare.svg"))).contains("fast · BN after activation");

        ExperimentsCompared compared = new ExperimentsCompared(List.of(ResultsReader.read(dir.resolve("slow")),
                ResultsReader.read(dir.resolve("fast"))));
        ChartDefinition chart = compared.lossChart(LossChartOptions.defaults());
        assertThat(chart.legend()).extracting(ChartDefinition.LegendEntry::name).containsExactly(
                "slow · without BN", "slow · BN after activation", "fast · without BN", "fast · BN after activation");

        // the comparison's folder is results too: a second comparison there is refused
        assertThat(run("--no-gui", "--compare", dir.resolve("slow").toString(), "--output",
                dir.resolve("both").toString())).isEqualTo(ExitCodes.OUTPUT);
        // a comparison never goes into a folder it compares, even with --overwrite
        byte[] summary = Files.readAllBytes(dir.resolve("slow").resolve("summary.json"));
        assertThat(run("--no-gui", "--compare", dir.resolve("slow").toString(), dir.resolve("fast").toString(),
                "--output", dir.resolve("slow").toString(), "--overwrite")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is one of the folders compared");
        assertThat(dir.resolve("slow").resolve("summary.json")).hasBinaryContent(summary);
        assertThat(dir.resolve("slow").resolve("compare.csv")).doesNotExist();
        // and takes no settings for a new experiment
        assertThat(run("--no-gui", "--compare", dir.resolve("slow").toString(), "--epochs", "5")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("takes no settings for a new one (got --epochs)");
    }

    @Test
    void aFolderThatIsNotResultsIsRefusedNamingIt() throws Exception {
        Path notResults = Files.createDirectories(dir.resolve("holiday-photos"));
        int code = run("--no-gui", "--compare", notResults.toString(), "--output", dir.resolve("c").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(notResults + " holds no summary.json").contains("not a BN Lab results folder");
        assertThat(dir.resolve("c")).doesNotExist();
    }
}
