package dev.bnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bnlab.Launcher;
import dev.bnlab.data.RealMnist;
import dev.bnlab.data.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing written earlier is destroyed: an occupied --output is refused, default folders never collide. */
class OutputFolderTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final String[] TINY = {"--no-gui", "--train-examples", "640", "--test-examples", "200"};

    private int run(Path output, String... extra) throws Exception {
        out.reset();
        err.reset();
        List<String> args = new ArrayList<>(List.of(TINY));
        args.addAll(List.of("--data-dir", RealMnist.data().directory().toString(), "--output", output.toString()));
        args.addAll(List.of(extra));
        return Launcher.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Every file under {@code root} with its SHA-256: equal maps mean byte-for-byte equal folders. */
    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Sha256.of(p));
            }
        }
        return files;
    }

    @Test
    void aFolderHoldingResultsSurvivesASecondRunByteForByteAndOverwriteReplacesOnlyBnLabsFiles() throws Exception {
        Path output = dir.resolve("results");
        assertThat(run(output, "--epochs", "1", "--eval-every", "5")).as(err.toString()).isZero(); // probe files too
        Files.writeString(output.resolve("my-notes.txt"), "mine");
        Map<String, String> before = contents(output);
        assertThat(before).containsKeys("summary.json", "metrics.csv", "loss.png", "my-notes.txt");

        int code = run(output, "--epochs", "2");

        assertThat(code).isEqualTo(ExitCodes.OUTPUT);
        assertThat(err.toString()).contains("already holds the results of an earlier experiment")
                .contains("summary.json").contains("--overwrite");
        assertThat(out.toString()).doesNotContain("epoch 1 done"); // refused before any training
        assertThat(contents(output)).isEqualTo(before);

        // the window refuses the folder too, before it opens
        out.reset();
        err.reset();
        assertThat(Launcher.execute(new String[]{"--output", output.toString()}, new PrintStream(out, true),
                new PrintStream(err, true))).isEqualTo(ExitCodes.OUTPUT);
        assertThat(err.toString()).contains("already holds the results");
        assertThat(contents(output)).isEqualTo(before);

        // replaced: the earlier experiment's files this one does not write (its probe files) go too; the user's stay
        assertThat(run(output, "--epochs", "2", "--eval-every", "0", "--overwrite")).as(err.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(output.resolve("summary.json").toFile());
        assertThat(summary.path("spec").path("hyperparameters").path("epochs").asInt()).isEqualTo(2);
        assertThat(output.resolve("accuracy.csv")).doesNotExist();
        assertThat(output.resolve("figure1.png")).doesNotExist();
        assertThat(output.resolve("my-notes.txt")).hasContent("mine");
        assertThat(output.resolve(".bnlab-writing")).doesNotExist();
    }

    @Test
    void filesThatOnlyHaveTheNamesOfResultsAreNeverReplacedEvenWithOverwrite() throws Exception {
        Path output = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(output.resolve("loss.png"), "my own picture");
        Files.writeString(output.resolve("summary.json"), "{\"my\": \"own summary\"}");

        assertThat(run(output, "--epochs", "1", "--overwrite")).isEqualTo(ExitCodes.OUTPUT);

        assertThat(err.toString()).contains("BN Lab did not write").contains("loss.png").contains("summary.json");
        assertThat(output.resolve("loss.png")).hasContent("my own picture");
        assertThat(output.resolve("summary.json")).hasContent("{\"my\": \"own summary\"}");
    }

    @Test
    void aFolderAnotherBnLabIsWritingIntoIsRefusedAndAStaleMarkerIsTakenOver() throws Exception {
        Path output = Files.createDirectories(dir.resolve("busy"));
        // a live process holds the folder (this test's own JVM stands in for another BN Lab)
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(output.resolve(".bnlab-writing"), Long.toString(other.pid()));
            assertThat(run(output, "--epochs", "1")).isEqualTo(ExitCodes.OUTPUT);
            assertThat(err.toString()).contains("another BN Lab (process " + other.pid() + ") is writing results to");
        } finally {
            other.destroy();
            other.waitFor();
        }
        // that process has ended: its marker is stale and taken over
        assertThat(run(output, "--epochs", "1", "--eval-every", "0")).as(err.toString()).isZero();
        assertThat(output.resolve("summary.json")).isRegularFile();
        assertThat(output.resolve(".bnlab-writing")).doesNotExist();
    }

    @Test
    void twoProcessesStartedAtOnceWithDefaultOutputBothKeepTheirResults() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m",
                    "-Dbnlab.outputStamp=20261128-120000", // both want the same runs/<date-time> folder
                    "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
            command.addAll(List.of(TINY));
            command.addAll(List.of("--epochs", "1", "--eval-every", "0"));
            command.addAll(List.of("--data-dir", RealMnist.data().directory().toString(), "--seed", "" + (10 + i)));
            processes.add(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console-" + i + ".txt").toFile()).start());
        }
        for (int i = 0; i < 2; i++) {
            assertThat(processes.get(i).waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(processes.get(i).exitValue()).as(Files.readString(dir.resolve("console-" + i + ".txt"))).isZero();
        }

        Path runs = dir.resolve("runs");
        assertThat(runs.resolve("20261128-120000").resolve("summary.json")).isRegularFile();
        assertThat(runs.resolve("20261128-120000-2").resolve("summary.json")).isRegularFile();
        List<Long> seeds = new ArrayList<>();
        for (String folder : List.of("20261128-120000", "20261128-120000-2")) {
            JsonNode summary = new ObjectMapper().readTree(runs.resolve(folder).resolve("summary.json").toFile());
            assertThat(summary.path("status").asText()).isEqualTo("finished");
            seeds.add(summary.path("spec").path("hyperparameters").path("seed").asLong());
        }
        assertThat(seeds).containsExactlyInAnyOrder(10L, 11L);
        for (int i = 0; i < 2; i++) { // each process names the folder it wrote
            assertThat(Files.readString(dir.resolve("console-" + i + ".txt"))).contains("Results: " + runs.toAbsolutePath());
        }
    }
}
