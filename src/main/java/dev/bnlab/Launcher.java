package dev.bnlab;

import dev.bnlab.cli.BnLabCommand;
import dev.bnlab.cli.ExitCodes;
import dev.bnlab.cli.HeadlessComparison;
import dev.bnlab.cli.HeadlessExperiment;
import dev.bnlab.data.MnistData;
import dev.bnlab.data.MnistDataException;
import dev.bnlab.data.MnistProvisioner;
import dev.bnlab.data.VerifiedFile;
import dev.bnlab.report.OutputFolder;
import dev.bnlab.ui.BnLabApp;
import dev.bnlab.ui.LaunchSettings;
import javafx.application.Application;
import picocli.CommandLine;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * BN Lab's entry point: parses the command line, then runs the headless job ({@code --no-gui}) or opens
 * the window. Ctrl-C and SIGTERM stop training after the current iteration and still write the results.
 */
public final class Launcher {
    private static volatile boolean shuttingDown;

    private Launcher() {
    }

    public static void main(String[] args) {
        // JavaCPP would otherwise read /proc/self/statm on every native allocation (6-10 % of CPU here).
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        }
        java.util.OptionalInt relaunched = JvmSettings.relaunchIfNeeded(args); // java -jar without BN Lab's settings
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        int code = execute(args, System.out, System.err);
        if (!shuttingDown) {
            System.exit(code);
        }
    }

    /** Parses and runs; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = BnLabCommand.commandLine(new BnLabCommand(command -> command.fetchData
                ? fetchData(command, out, err)
                : command.compare != null && command.noGui ? HeadlessComparison.run(command, out, err)
                : command.noGui ? runHeadless(command, out, err) : openWindow(command, err)));
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static int runHeadless(BnLabCommand command, PrintStream out, PrintStream err) {
        HeadlessExperiment job = new HeadlessExperiment(command.experiment(), command.dataDir, command::claimOutput,
                out, err, System.console() != null);
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            shuttingDown = true;
            err.println();
            err.println("Stopping: finishing the current iteration and writing the results so far ...");
            job.stop();
            try {
                // the results, with a model per finished run (~0.5 s each): a 36-run sweep needs ~20 s on 2 cores
                written.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "bnlab-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return job.run();
        } finally {
            written.countDown();
            if (!shuttingDown) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook is running: it will see the latch released
                }
            }
        }
    }

    private static int fetchData(BnLabCommand command, PrintStream out, PrintStream err) {
        try {
            MnistData data = MnistProvisioner.standard(out::println).provide(command.dataDir);
            for (VerifiedFile f : data.files()) {
                out.printf("%-24s %,11d bytes  SHA-256 %s  ok%n", f.fileName(), f.bytes(), f.sha256());
            }
            out.println("MNIST is ready in " + data.directory());
            return ExitCodes.OK;
        } catch (MnistDataException e) {
            err.println("Error: " + e.getMessage());
            return ExitCodes.DATA;
        }
    }

    private static int openWindow(BnLabCommand command, PrintStream err) {
        if (command.output != null) { // what the window would refuse to write there, said before it opens
            try {
                OutputFolder.check(command.output, command.overwrite);
            } catch (java.io.IOException e) {
                HeadlessExperiment.explain(e, err);
                return ExitCodes.OUTPUT;
            }
        }
        // a folder that cannot be shown is said before the window opens
        if (command.compare != null && HeadlessComparison.read(command.compare, err) == null) {
            return ExitCodes.USAGE;
        }
        if (!displayAvailable()) {
            err.println("No display found (DISPLAY is not set), so the window cannot open."
                    + " Use --no-gui to run headless, e.g.: ./bnlab --no-gui");
            return ExitCodes.USAGE;
        }
        LaunchSettings.set(new LaunchSettings(command.experiment(), command.dataDir, command.output, command.autostart,
                command.overwrite, command.compare));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            BnLabApp.stopTraining();
        }, "bnlab-shutdown"));
        Application.launch(BnLabApp.class);
        return ExitCodes.OK;
    }

    /** JavaFX needs an X11 or Wayland display on Linux, unless it runs on the headless Monocle platform. */
    static boolean displayAvailable() {
        if ("Monocle".equalsIgnoreCase(System.getProperty("glass.platform"))) {
            return true;
        }
        String os = System.getProperty("os.name", "").toLowerCase();
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
