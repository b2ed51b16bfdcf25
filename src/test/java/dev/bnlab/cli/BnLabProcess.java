package dev.bnlab.cli;

import dev.bnlab.Launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs BN Lab as a real child JVM (this test run's classpath), the way a user's shell would, and records its
 * exit code, its console and how long it took.
 */
final class BnLabProcess {
    record Outcome(int exitCode, String console, double seconds) {
    }

    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx1g"));
    private final Map<String, String> environment = new java.util.HashMap<>();
    private boolean withoutRootPowers;

    BnLabProcess jvm(String option) {
        jvmOptions.add(option);
        return this;
    }

    BnLabProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * As root, file mode bits do not stop a write. This runs the child without the capabilities that let root
     * ignore them ({@code setpriv} from util-linux), so a read-only folder is read-only for it too.
     */
    BnLabProcess withoutRootPowers() {
        withoutRootPowers = true;
        return this;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    Outcome run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (withoutRootPowers && isRoot()) {
            command.addAll(List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, "console", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long t0 = System.nanoTime();
        Process process = builder.start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("BN Lab did not exit within 120 s: " + Files.readString(log));
            }
        } finally {
            process.destroyForcibly();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), seconds);
    }
}
