package dev.bnlab;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * BN Lab's JVM settings, however it is started. {@code ./bnlab} passes {@code -Xmx1g -XX:+UseParallelGC}; a
 * plain {@code java -jar target/bnlab.jar} gets the JVM's defaults instead (a heap of a quarter of the RAM,
 * G1), under which the garbage of ND4J's per-operation arrays, whose native memory is freed only when they
 * are collected, lets the process grow to ~3 GB and run slower. Then BN Lab starts itself once more, with
 * its settings, as a child process that inherits the console, and ends with the child's exit code. SIGINT
 * (Ctrl-C) and SIGTERM sent to the parent are passed on: the child stops and writes its results, and the
 * parent waits for it.
 * <p>
 * Not done when the JVM was given any option but system properties and module options (a heap size, a GC, a
 * debugger or profiler: the user chose), or with {@code -Dbnlab.relaunch=false}.
 */
final class JvmSettings {
    static final String HEAP = "-Xmx1g";
    static final String GC = "-XX:+UseParallelGC";
    private static final String CHILD = "bnlab.relaunched";

    private JvmSettings() {
    }

    /**
     * Whether BN Lab should start itself again with its settings: only when this JVM has the default heap and
     * every argument it was given can be handed to a second JVM unchanged (system properties, module
     * options). A debugger, profiler, agent, JMX port, log file or GC choice would clash or be doubled in a
     * child: then BN Lab runs here, as started.
     */
    static boolean shouldRelaunch(List<String> jvmArguments) {
        if (Boolean.getBoolean(CHILD) || "false".equals(System.getProperty("bnlab.relaunch"))) {
            return false;
        }
        return portable(jvmArguments);
    }

    /** Whether BN Lab needs its settings for {@code args}: not to print help, its version or the presets. */
    static boolean trains(String[] args) {
        for (String a : args) {
            if (List.of("-h", "--help", "-V", "--version", "--list-presets", "--print-spec").contains(a)) {
                return false;
            }
        }
        return true;
    }

    private static boolean portable(List<String> jvmArguments) {
        for (String a : jvmArguments) {
            boolean portable = a.startsWith("-D") && !a.startsWith("-Dcom.sun.management")
                    || a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("--add-modules")
                    || a.startsWith("--enable-native-access") || a.equals("-Djava.awt.headless=true");
            if (!portable) {
                return false;
            }
        }
        return true;
    }

    /** The child's command line: this Java, BN Lab's settings, the caller's own JVM arguments, the same class path. */
    static List<String> childCommand(String java, List<String> jvmArguments, String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add(HEAP);
        command.add(GC);
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
     * code, or empty when this JVM should run BN Lab itself.
     */
    static OptionalInt relaunchIfNeeded(String[] args) {
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!trains(args) || !shouldRelaunch(jvmArguments)) {
            return OptionalInt.empty();
        }
        // the same launcher as this JVM's (javaw on Windows opens no console), else java.home's java
        String launcher = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // environment variables such as JAVA_TOOL_OPTIONS reach the child by themselves: don't pass them twice
        List<String> own = new ArrayList<>(jvmArguments);
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            String value = System.getenv(variable);
            if (value != null) {
                own.removeAll(List.of(value.trim().split("\\s+")));
            }
        }
        AtomicReference<Process> child = new AtomicReference<>();
        // Ctrl-C in a terminal reaches both JVMs, and a signal sent to this one alone is passed on; the child's
        // hook stops training and writes the results (a second signal while it does is harmless), this JVM
        // waits and ends with its exit code. Windows has no signals to pass: the child shares the console and
        // gets Ctrl-C itself, so this JVM only waits.
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
        onSignal("INT", () -> {
            if (!windows && child.get() != null) {
                signal(child.get(), "INT");
            }
        });
        onSignal("TERM", () -> {
            if (!windows && child.get() != null) {
                child.get().destroy();
            }
        });
        try {
            child.set(new ProcessBuilder(childCommand(launcher, own, System.getProperty("java.class.path"), args))
                    .inheritIO().start());
        } catch (java.io.IOException e) {
            return OptionalInt.empty(); // cannot start a JVM: run here, with the defaults
        }
        while (true) {
            try {
                return OptionalInt.of(child.get().waitFor());
            } catch (InterruptedException e) {
                // keep waiting: the child decides when BN Lab ends
            }
        }
    }

    private static void onSignal(String name, Runnable action) {
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
