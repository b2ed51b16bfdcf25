package dev.bnlab.experiment;

import dev.bnlab.data.MnistData;
import dev.bnlab.data.MnistDataException;
import dev.bnlab.data.MnistProvisioner;
import dev.bnlab.spec.ExperimentSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One experiment's whole life, the same for the window and the command line: provide verified MNIST, build
 * the runner, train every run, end, and stop at any moment on the way. A stop while the data is prepared
 * interrupts it (a download is abandoned and its staging folder removed); a stop before training has begun
 * ends the job with a {@link CancellationException}: nothing was recorded.
 */
public final class ExperimentJob {
    private final ExperimentSpec spec;
    private final Path dataDir;
    private final Consumer<String> status;
    private final List<ExperimentListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ExperimentRunner runner;
    private volatile MnistData data;
    private volatile boolean stopRequested;
    private Thread preparing;

    /** {@code status} receives data-preparation messages, on the job's thread. */
    public ExperimentJob(ExperimentSpec spec, Path dataDir, Consumer<String> status) {
        this.spec = spec.validated();
        this.dataDir = dataDir;
        this.status = status;
    }

    /** Adds a subscriber of the experiment's events; call before the job starts. */
    public ExperimentJob subscribe(ExperimentListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Runs the job on the calling thread. Throws {@link MnistDataException} when the data cannot be provided,
     * {@link CancellationException} when a stop came before training began.
     */
    public ExperimentResult run() throws MnistDataException {
        synchronized (this) {
            if (stopRequested) {
                throw new CancellationException("stopped before training began");
            }
            preparing = Thread.currentThread();
        }
        ExperimentRunner r;
        try {
            status.accept("Checking MNIST in " + dataDir + " ...");
            MnistData provided = MnistProvisioner.standard(status).provide(dataDir);
            if (stopRequested) { // checking files already present does not look at the interrupt
                throw new CancellationException("stopped while preparing the data");
            }
            status.accept("MNIST: 4 files verified (size and SHA-256) in " + provided.directory());
            data = provided;
            r = new ExperimentRunner(spec, provided);
            listeners.forEach(r::subscribe);
        } catch (MnistDataException | RuntimeException e) {
            if (stopRequested && !(e instanceof CancellationException)) {
                throw new CancellationException("stopped while preparing the data");
            }
            throw e;
        } finally {
            synchronized (this) {
                preparing = null;
                Thread.interrupted(); // a stop's interrupt is recorded in stopRequested
            }
        }
        synchronized (this) {
            runner = r;
            if (stopRequested) {
                r.stop();
            }
        }
        return r.run();
    }

    /** Runs the job on a pooled daemon thread; the future is cancelled when a stop came before training began. */
    public CompletableFuture<ExperimentResult> start() {
        return TrainingThreads.supply("bnlab-session", this::run);
    }

    /** Stops after the current iteration; before training, interrupts the data preparation. Any thread. */
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

    public boolean isStopRequested() {
        return stopRequested;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    /** The runner once training has begun, else null. */
    public ExperimentRunner runner() {
        return runner;
    }

    /** The verified data once provided, else null. */
    public MnistData data() {
        return data;
    }
}
