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

    /** A started child whose console goes to a file the test can watch. */
    record Running(Process process, Path console, long startNanos) {
        String consoleText() throws IOException {
            return Files.readString(console, StandardCharsets.UTF_8);
        }

        /** Waits until the console contains {@code text}. */
        void awaitConsole(String text, int seconds) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!consoleText().contains(text)) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("no \"" + text + "\" in the console: " + consoleText());
                }
                Thread.sleep(20);
            }
        }

        /** Sends a signal (e.g. "TERM", "INT") the way kill(1) does. */
        void signal(String name) throws IOException, InterruptedException {
            if (name.equals("TERM")) {
                process.destroy(); // SIGTERM on Unix, without needing kill(1)
            } else {
                new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
            }
        }
    }

    Running start(Path workDir, String... args) throws IOException {
        List<String> command = command(args);
        Path log = Files.createTempFile(workDir, "console", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new Running(builder.start(), log, System.nanoTime());
    }

    Outcome run(Path workDir, String... args) throws IOException, InterruptedException {
        Running running = start(workDir, args);
        try {
            if (!running.process().waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("BN Lab did not exit within 120 s: " + running.consoleText());
            }
        } finally {
            running.process().destroyForcibly();
        }
        double seconds = (System.nanoTime() - running.startNanos()) / 1e9;
        return new Outcome(running.process().exitValue(), running.consoleText(), seconds);
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        if (withoutRootPowers && isRoot()) {
            command.addAll(List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
