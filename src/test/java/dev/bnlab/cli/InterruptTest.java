package dev.bnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bnlab.Launcher;
import dev.bnlab.data.RealMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C on a real headless BN Lab process: it stops within the iteration and writes what it recorded. */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigintStopsTrainingAndStillWritesTheResults() throws Exception {
        Path data = RealMnist.data().directory();
        Path output = dir.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--no-gui", "--epochs", "3", "--test-examples", "500",
                "--data-dir", data.toString(), "--output", output.toString())
                .redirectErrorStream(true).start();
        StringBuilder console = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                console.append(line).append('\n');
                if (line.contains("[1,   200] loss")) {
                    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                    long t0 = System.nanoTime();
                    for (String rest; (rest = reader.readLine()) != null; ) {
                        console.append(rest).append('\n');
                    }
                    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
                    assertThat((System.nanoTime() - t0) / 1e9).as(console.toString()).isLessThan(10);
                    break;
                }
            }
        } finally {
            process.destroyForcibly();
        }

        assertThat(process.exitValue()).as(console.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(console).contains("Stopping: finishing the current iteration").contains(" stopped after ");
        JsonNode summary = new ObjectMapper().readTree(output.resolve("summary.json").toFile());
        assertThat(summary.path("status").asText()).isEqualTo("stopped");
        int iterations = 0;
        for (JsonNode run : summary.path("runs")) {
            assertThat(run.path("status").asText()).isEqualTo("stopped");
            // stopped mid-way: it trained, and not all of its 3 x 938 iterations; the two runs share
            // the cores, so a loaded machine may let one fall well behind the other
            assertThat(run.path("iterations").asInt()).isBetween(1, 2_814 - 1);
            assertThat(run.path("test_accuracy").isNull()).isTrue();
            iterations += run.path("iterations").asInt();
        }
        assertThat(iterations).as("the console had printed iteration 200 of one run").isGreaterThanOrEqualTo(200);
        List<String> csv = Files.readAllLines(output.resolve("metrics.csv"));
        assertThat(csv.size()).isGreaterThan(1 + 2 * 100);
        assertThat(output.resolve("loss.png")).isNotEmptyFile();
    }
}
