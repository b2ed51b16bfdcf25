package dev.bnlab;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bnlab.data.RealMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Started without BN Lab's JVM settings (java -jar), BN Lab runs itself with them. */
class JvmSettingsTest {
    @TempDir
    Path dir;

    @Test
    void relaunchesOnlyWhenTheJvmHasTheDefaultHeap() {
        assertThat(JvmSettings.shouldRelaunch(List.of())).isTrue();
        assertThat(JvmSettings.shouldRelaunch(List.of("-Dfoo=bar", "--add-opens=java.base/java.lang=ALL-UNNAMED"))).isTrue();
        // what the user chose, or what would clash or be doubled in a second JVM: run as started
        for (String chosen : List.of("-Xmx2g", "-Xms2g", "-XX:MaxRAMPercentage=50", "-XX:+UseG1GC",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:x.jar",
                "-XX:StartFlightRecording=filename=rec.jfr", "-Dcom.sun.management.jmxremote.port=9010",
                "-Xlog:gc:file=gc.log")) {
            assertThat(JvmSettings.shouldRelaunch(List.of("-Dfoo=bar", chosen))).as(chosen).isFalse();
        }
        assertThat(JvmSettings.trains(new String[]{"--no-gui", "--seeds", "3"})).isTrue();
        assertThat(JvmSettings.trains(new String[]{"--help"})).isFalse();
        assertThat(JvmSettings.trains(new String[]{"--list-presets"})).isFalse();
        assertThat(JvmSettings.childCommand("java", List.of("-Dx=1"), "a.jar", new String[]{"--no-gui", "--seeds", "3"}))
                .containsExactly("java", "-Xmx1g", "-XX:+UseParallelGC", "-Dx=1", "-Dbnlab.relaunched=true", "-cp", "a.jar",
                        Launcher.class.getName(), "--no-gui", "--seeds", "3");
    }

    private com.fasterxml.jackson.databind.JsonNode environment(String... jvmOptions) throws Exception {
        Path output = dir.resolve("out-" + jvmOptions.length);
        assertThat(start(output, jvmOptions)).as(Files.readString(dir.resolve("log.txt"))).isZero();
        return new ObjectMapper().readTree(output.resolve("summary.json").toFile()).path("environment");
    }

    private int start(Path output, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "--no-gui",
                "--train-examples", "640", "--test-examples", "200", "--epochs", "1", "--eval-every", "0",
                "--data-dir", RealMnist.data().directory().toString(), "--output", output.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void aPlainJavaStartTrainsWithBnLabsSettingsAndChosenOnesAreKept() throws Exception {
        var relaunched = environment(); // as java -jar target/bnlab.jar does: the JVM's defaults
        var chosen = environment("-Xmx700m", "-XX:+UseSerialGC");

        // -Xmx1g (the JVM reports a little less than it was given) and ParallelGC ("PS Scavenge", "PS MarkSweep")
        assertThat(relaunched.path("max_heap_mib").asLong()).isBetween(900L, 1024L);
        assertThat(relaunched.path("gc").toString()).contains("PS MarkSweep");
        assertThat(chosen.path("max_heap_mib").asLong()).isBetween(600L, 700L);
        assertThat(chosen.path("gc").toString()).contains("MarkSweepCompact").doesNotContain("PS ");

        // the child's exit code is the parent's: an occupied output folder is exit 4 however BN Lab is started
        assertThat(start(dir.resolve("out-0"))).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("log.txt"))).contains("already holds the results");
    }
}
