package dev.bnlab.ui;

import dev.bnlab.data.MnistData;
import dev.bnlab.data.MnistProvisioner;
import dev.bnlab.experiment.ExperimentConfig;
import dev.bnlab.experiment.ExperimentListener;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.ExperimentRunner;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One experiment started from the window: provides the MNIST data, then runs the experiment core, all on a
 * background daemon thread. Knows nothing of JavaFX; the window subscribes a listener and reads the histories.
 */
public final class ExperimentSession {
    private final ExperimentConfig config;
    private final Path dataDir;
    private final CompletableFuture<ExperimentResult> result = new CompletableFuture<>();
    private volatile ExperimentRunner runner;
    private volatile MnistData data;
    private volatile boolean stopRequested;

    public ExperimentSession(ExperimentConfig config, Path dataDir) {
        this.config = config.validated();
        this.dataDir = dataDir;
    }

    /** Starts on a new thread; {@code status} receives data-preparation messages (from that thread). */
    public CompletableFuture<ExperimentResult> start(ExperimentListener listener, Consumer<String> status) {
        Thread thread = new Thread(() -> {
            try {
                status.accept("Checking MNIST in " + dataDir + " …");
                MnistData provided = MnistProvisioner.standard(status).provide(dataDir);
                data = provided;
                ExperimentRunner r = new ExperimentRunner(config, provided);
                r.subscribe(listener);
                runner = r;
                if (stopRequested) {
                    r.stop();
                }
                result.complete(r.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "bnlab-session");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Stops after the current iteration (or before training, if it has not begun). Any thread. */
    public void stop() {
        stopRequested = true;
        ExperimentRunner r = runner;
        if (r != null) {
            r.stop();
        }
    }

    public ExperimentConfig config() {
        return config;
    }

    /** The runner once training has begun, else null. */
    public ExperimentRunner runner() {
        return runner;
    }

    /** The verified data once provided, else null. */
    public MnistData data() {
        return data;
    }

    public CompletableFuture<ExperimentResult> result() {
        return result;
    }
}
