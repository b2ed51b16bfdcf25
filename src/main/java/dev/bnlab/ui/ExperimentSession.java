package dev.bnlab.ui;

import dev.bnlab.data.MnistData;
import dev.bnlab.data.MnistProvisioner;
import dev.bnlab.experiment.ExperimentConfig;
import dev.bnlab.experiment.ExperimentListener;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.ExperimentRunner;
import dev.bnlab.experiment.TrainingThreads;

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
    private volatile Thread preparing;

    public ExperimentSession(ExperimentConfig config, Path dataDir) {
        this.config = config.validated();
        this.dataDir = dataDir;
    }

    /**
     * Starts on a pooled daemon thread; {@code status} receives data-preparation messages (from that thread). The
     * result is cancelled (see {@link CompletableFuture#isCancelled()}) when a stop came before training began.
     */
    public CompletableFuture<ExperimentResult> start(ExperimentListener listener, Consumer<String> status) {
        TrainingThreads.run("bnlab-session", () -> {
            synchronized (this) {
                preparing = Thread.currentThread();
                if (stopRequested) { // stopped before this job even began
                    preparing = null;
                    result.cancel(false);
                    return;
                }
            }
            try {
                status.accept("Checking MNIST in " + dataDir + " …");
                MnistData provided = MnistProvisioner.standard(status).provide(dataDir);
                data = provided;
                ExperimentRunner r = new ExperimentRunner(config, provided);
                r.subscribe(listener);
                synchronized (this) {
                    runner = r;
                    preparing = null;
                    Thread.interrupted(); // a stop that interrupted preparation is in stopRequested now
                    if (stopRequested) {
                        r.stop();
                    }
                }
                result.complete(r.run());
            } catch (Throwable t) {
                if (stopRequested && runner == null) {
                    result.cancel(false); // stopped while preparing: nothing was recorded
                } else {
                    result.completeExceptionally(t);
                }
            } finally {
                synchronized (this) {
                    preparing = null; // the pooled thread goes on to other jobs: never interrupt it after this
                    Thread.interrupted();
                }
            }
        });
        return result;
    }

    /**
     * Stops after the current iteration; before training has begun, interrupts the data preparation (a
     * download is abandoned, its staging folder removed). Any thread.
     */
    public void stop() {
        synchronized (this) {
            stopRequested = true;
            ExperimentRunner r = runner;
            if (r != null) {
                r.stop();
            } else if (preparing != null) {
                preparing.interrupt();
            }
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
