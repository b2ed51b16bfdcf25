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
        assertThat(JvmSettings.shouldRelaunch(List.of("-Dfoo=bar", "-XX:+UseG1GC"))).isTrue();
        assertThat(JvmSettings.shouldRelaunch(List.of("-Xmx2g"))).isFalse();
        assertThat(JvmSettings.shouldRelaunch(List.of("-XX:MaxRAMPercentage=50"))).isFalse();
        assertThat(JvmSettings.childCommand(List.of("-Dx=1"), "a.jar", new String[]{"--no-gui", "--seeds", "3"}))
                .containsSubsequence("-Xmx1g", "-XX:+UseParallelGC", "-Dx=1", "-Dbnlab.relaunched=true", "-cp", "a.jar",
                        Launcher.class.getName(), "--no-gui", "--seeds", "3");
    }

    private long maxHeapMib(String... jvmOptions) throws Exception {
        Path output = dir.resolve("out-" + jvmOptions.length);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "--no-gui",
                "--train-examples", "640", "--test-examples", "200", "--epochs", "1", "--eval-every", "0",
                "--data-dir", RealMnist.data().directory().toString(), "--output", output.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();
        return new ObjectMapper().readTree(output.resolve("summary.json").toFile())
                .path("environment").path("max_heap_mib").asLong();
    }

    @Test
    void aPlainJavaStartTrainsWithBnLabsHeapAndAnExplicitOneIsKept() throws Exception {
        long relaunched = maxHeapMib(); // as java -jar target/bnlab.jar does: the JVM's default heap
        long explicit = maxHeapMib("-Xmx700m");

        assertThat(relaunched).isBetween(900L, 1024L); // -Xmx1g (the JVM reports a little less than it was given)
        assertThat(explicit).isBetween(600L, 700L);
    }
}
