package dev.bnlab.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A process killed (SIGKILL) in the middle of writing a result file leaves the previous file whole. */
class AtomicWriteCrashTest {
    @TempDir
    Path dir;

    @Test
    void aKillMidWriteLeavesTheOldFileIntactAndNoHalfFileUnderItsName() throws Exception {
        Path summary = dir.resolve("summary.json");
        Files.writeString(summary, "{\"status\": \"stopped\"}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowAtomicWriter.class.getName(), summary.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("half written");
            child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(child.exitValue()).isEqualTo(128 + 9);
        assertThat(Files.readString(summary)).isEqualTo("{\"status\": \"stopped\"}");
        try (var files = Files.list(dir)) {
            // the half-written bytes exist only in a hidden temporary file beside it
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("summary.json")))
                    .singleElement().satisfies(n -> assertThat(n).startsWith(".summary.json.").endsWith(".tmp"));
        }
    }
}
