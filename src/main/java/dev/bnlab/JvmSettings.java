package dev.bnlab;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BN Lab's JVM settings, however it is started. {@code ./bnlab} passes {@code -Xmx1g -XX:+UseParallelGC}; a
 * plain {@code java -jar target/bnlab.jar} gets the JVM's defaults instead (a heap of a quarter of the RAM,
 * G1), under which the garbage of ND4J's per-operation arrays, whose native memory is freed only when they
 * are collected, lets the process grow to ~3 GB and run slower. Then BN Lab starts itself once more, with
 * its settings, as a child process that inherits the console, and ends with the child's exit code. SIGINT
 * (Ctrl-C) and SIGTERM sent to the parent are passed on: the child stops and writes its results, and the
 * parent waits for it.
 * <p>
 * Not done when the JVM was given a maximum heap ({@code -Xmx}, or {@code -XX:MaxRAMPercentage} and the like)
 * or with {@code -Dbnlab.relaunch=false}.
 */
final class JvmSettings {
    static final List<String> OPTIONS = List.of("-Xmx1g", "-XX:+UseParallelGC");
    private static final String CHILD = "bnlab.relaunched";

    private JvmSettings() {
    }

    /** Whether this JVM runs with its default heap limit, so BN Lab should start itself with its own settings. */
    static boolean shouldRelaunch(List<String> jvmArguments) {
        if (Boolean.getBoolean(CHILD) || "false".equals(System.getProperty("bnlab.relaunch"))) {
            return false;
        }
        for (String a : jvmArguments) {
            if (a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize") || a.startsWith("-XX:MaxRAM")) {
                return false;
            }
        }
        return true;
    }

    /** The child's command line: this Java, BN Lab's settings, the caller's own JVM arguments, the same class path. */
    static List<String> childCommand(List<String> jvmArguments, String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(OPTIONS);
        command.addAll(jvmArguments);
        command.add("-D" + CHILD + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add(Launcher.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs BN Lab in a child JVM with its settings when this one has the defaults; returns the child's exit
     * code, or -1 when this JVM should run BN Lab itself.
     */
    static int relaunchIfNeeded(String[] args) {
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!shouldRelaunch(jvmArguments)) {
            return -1;
        }
        List<String> command = childCommand(jvmArguments, System.getProperty("java.class.path"), args);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (java.io.IOException e) {
            return -1; // cannot start a JVM: run here, with the defaults
        }
        // Ctrl-C in a terminal reaches both JVMs; a signal sent to this one alone is passed on. The child's
        // hook stops training and writes the results (a second signal while it does is harmless); this JVM
        // waits for it, and ends with its exit code.
        passOn("INT", () -> signal(child, "INT"));
        passOn("TERM", child::destroy);
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static void passOn(String name, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
        } catch (IllegalArgumentException unsupported) {
            // not on this platform: the default (this JVM ends; the child, in the same console, gets Ctrl-C too)
        }
    }

    private static void signal(Process child, String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).start();
        } catch (java.io.IOException e) {
            child.destroy();
        }
    }
}
