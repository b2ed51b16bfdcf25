package dev.bnlab.experiment;

import dev.bnlab.data.MnistData;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains every run of an experiment side by side on the same minibatches in the same order (a paired
 * comparison), each network on its own thread, fed by one reader of DL4J's {@code MnistDataSetIterator}
 * through short queues, so the runs progress together. Publishes {@link ExperimentEvent}s, keeps each
 * run's {@link RunHistory}, evaluates each finished run on the test images, and can be stopped from any
 * thread within one iteration, keeping everything recorded so far.
 */
public final class ExperimentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
    private static final int QUEUE_DEPTH = 4;
    private static final long POLL_MS = 20;

    private final ExperimentConfig config;
    private final MnistData data;
    private final EventBus bus = new EventBus();
    private final List<RunWorker> workers = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile boolean producerDone;
    private final boolean flushSubnormals = SubnormalFlush.enabled();
    private final PeriodicGc gc = new PeriodicGc();

    public ExperimentRunner(ExperimentConfig config, MnistData data) {
        this.config = config.validated();
        this.data = data;
        for (int i = 0; i < config.runs().size(); i++) {
            workers.add(new RunWorker(i, config.runs().get(i)));
        }
    }

    public ExperimentConfig config() {
        return config;
    }

    public void subscribe(ExperimentListener listener) {
        bus.subscribe(listener);
    }

    public void unsubscribe(ExperimentListener listener) {
        bus.unsubscribe(listener);
    }

    /** Asks every thread of this experiment to stop after its current iteration; safe from any thread. */
    public void stop() {
        stopRequested = true;
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    public List<RunHistory> histories() {
        return workers.stream().map(w -> w.history).toList();
    }

    public RunStatus status(int run) {
        return workers.get(run).status;
    }

    /** The network of a run (null before it is built): for evaluation after a stop, or inspection. */
    public MultiLayerNetwork network(int run) {
        return workers.get(run).network;
    }

    /**
     * Evaluates a run's network as it is now (e.g. after a stop) on the configured test images; blocking.
     * Returns NaN when the run has no network yet.
     */
    public double evaluateNow(int run) throws java.io.IOException {
        MultiLayerNetwork net = network(run);
        if (net == null) {
            return Double.NaN;
        }
        synchronized (net) {
            return TestEvaluator.accuracy(net, data, config.testExamples(), () -> false).orElse(Double.NaN);
        }
    }

    /** Runs the experiment on a pooled daemon thread (see {@link TrainingThreads}). */
    public CompletableFuture<ExperimentResult> start() {
        CompletableFuture<ExperimentResult> future = new CompletableFuture<>();
        TrainingThreads.run("bnlab-experiment", () -> {
            try {
                future.complete(run());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    /** Runs the whole experiment on the calling thread and returns once every run has ended. */
    public ExperimentResult run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("an ExperimentRunner runs once; create a new one");
        }
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        Nd4jThreads.limitProcess(Nd4jThreads.perRun());
        bus.publish(new ExperimentEvent.Started(config, config.runs().stream().map(RunSpec::name).toList(),
                config.iterationsPerEpoch()));
        List<Future<?>> threads = new ArrayList<>();
        for (RunWorker w : workers) {
            threads.add(TrainingThreads.run("bnlab-run-" + w.index, w));
        }
        String failure = null;
        try {
            produceBatches();
        } catch (Exception | OutOfMemoryError e) {
            LOG.error("Reading training data failed", e);
            failure = "reading training data failed: " + e;
            stopRequested = true;
        }
        for (Future<?> t : threads) {
            joinUninterruptibly(t);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<RunResult> results = workers.stream().map(RunWorker::result).toList();
        if (failure == null) {
            failure = results.stream().filter(r -> r.status() == RunStatus.FAILED)
                    .map(r -> r.name() + ": " + r.message()).findFirst().orElse(null);
        }
        ExperimentResult.Status status = failure != null ? ExperimentResult.Status.FAILED
                : stopRequested ? ExperimentResult.Status.STOPPED : ExperimentResult.Status.FINISHED;
        ExperimentResult result = new ExperimentResult(config, status, results, histories(), startedAt, seconds,
                failure);
        bus.publish(switch (status) {
            case FINISHED -> new ExperimentEvent.Finished(result);
            case STOPPED -> new ExperimentEvent.Stopped(result);
            case FAILED -> new ExperimentEvent.Failed(result, failure);
        });
        return result;
    }

    /** Reads each minibatch once and hands the same batch to every active run, epoch after epoch. */
    private void produceBatches() throws Exception {
        if (stopRequested) {
            producerDone = true;
            return; // stopped during start-up: do not load the training images
        }
        MnistDataSetIterator train = data.trainIterator(config.batchSize(), config.trainExamples(), config.seed());
        try {
            for (int epoch = 1; epoch <= config.epochs() && !stopRequested && anyActive(); epoch++) {
                if (epoch > 1) {
                    train.reset(); // reshuffles, with the seeded generator: the same order every time
                }
                while (train.hasNext() && !stopRequested && anyActive()) {
                    DataSet batch = train.next();
                    Batch item = new Batch(batch, epoch, workers.size());
                    for (RunWorker w : workers) {
                        if (!offer(w, item)) {
                            item.release(); // this run has ended: one user fewer
                        }
                    }
                }
                for (RunWorker w : workers) {
                    offer(w, new EpochEnd(epoch));
                }
                gc.atEpochEnd();
            }
            for (RunWorker w : workers) {
                offer(w, END);
            }
        } finally {
            producerDone = true; // a worker that finds its queue empty after this has nothing more to come
            train.close();
        }
    }

    /** Queues {@code item} for a run; false when the run ended or a stop came first. */
    private boolean offer(RunWorker w, Object item) throws InterruptedException {
        while (w.active && !stopRequested) {
            if (w.queue.offer(item, POLL_MS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyActive() {
        return workers.stream().anyMatch(w -> w.active);
    }

    private static void joinUninterruptibly(Future<?> job) {
        boolean interrupted = false;
        while (true) {
            try {
                job.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException e) {
                break; // a worker records its own failure
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One minibatch shared by every run. Its native memory is released as soon as the last run has
     * trained on it. Left to the garbage collector, batches that happened to sit in a queue during a
     * young collection were promoted, and their native buffers (~200 KB each) waited for a full
     * collection that never came: the process grew by ~7 MB per epoch (bench/memory.sh).
     */
    private static final class Batch {
        final DataSet data;
        final int epoch;
        private final AtomicInteger users;

        Batch(DataSet data, int epoch, int users) {
            this.data = data;
            this.epoch = epoch;
            this.users = new AtomicInteger(users);
        }

        void release() {
            if (users.decrementAndGet() == 0) {
                close(data.getFeatures());
                close(data.getLabels());
            }
        }

        private static void close(INDArray array) {
            if (array != null && !array.wasClosed() && array.closeable()) {
                array.close();
            }
        }
    }

    private record EpochEnd(int epoch) {
    }

    private static final Object END = new Object();

    /** One run: its network, its queue of batches, its history; trains on its own thread. */
    private final class RunWorker implements Runnable {
        final int index;
        final RunSpec spec;
        final RunHistory history;
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_DEPTH);
        volatile boolean active = true;
        volatile RunStatus status = RunStatus.PENDING;
        volatile MultiLayerNetwork network;
        volatile double accuracy = Double.NaN;
        volatile double trainingSeconds;
        volatile String message;
        int iteration;

        RunWorker(int index, RunSpec spec) {
            this.index = index;
            this.spec = spec;
            this.history = new RunHistory(spec.name());
        }

        @Override
        public void run() {
            try {
                Nd4jThreads.limitCurrentThread(Nd4jThreads.perRun());
                status = RunStatus.RUNNING;
                if (!stopRequested) { // a stop during start-up skips building the network
                    network = NetworkFactory.create(config, spec);
                }
                if (!stopRequested && train() && !stopRequested) {
                    status = RunStatus.EVALUATING;
                    evaluate();
                }
                if (!status.isTerminal()) {
                    status = stopRequested ? RunStatus.STOPPED : RunStatus.FINISHED;
                }
            } catch (Throwable t) {
                LOG.error("Run '{}' failed", spec.name(), t);
                message = t.toString();
                status = RunStatus.FAILED;
                bus.publish(new ExperimentEvent.RunFailed(index, message));
            } finally {
                active = false;
                queue.clear();
            }
        }

        /** Returns true when every epoch was trained, false when stopped or diverged. */
        private boolean train() throws InterruptedException {
            long trainStart = 0;
            long epochStart = 0;
            double epochSum = 0;
            int epochCount = 0;
            try {
                while (true) {
                    boolean nothingMoreComing = producerDone;
                    Object item = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                    if (stopRequested) {
                        return false;
                    }
                    if (item == null) {
                        if (nothingMoreComing) {
                            return false; // the reader failed or stopped before sending END
                        }
                        continue;
                    }
                    if (item == END) {
                        return true;
                    }
                    if (trainStart == 0) {
                        trainStart = epochStart = System.nanoTime();
                    }
                    if (item instanceof Batch b) {
                        double score;
                        try {
                            network.fit(b.data);
                            score = network.score();
                        } finally {
                            b.release();
                        }
                        iteration++;
                        if (flushSubnormals && iteration % SubnormalFlush.EVERY == 0) {
                            SubnormalFlush.apply(network);
                        }
                        history.addScore(score);
                        bus.publish(new ExperimentEvent.IterationScored(index, b.epoch, iteration, score));
                        if (!Double.isFinite(score)) {
                            status = RunStatus.DIVERGED;
                            message = "loss became " + score + " at iteration " + iteration;
                            active = false;
                            bus.publish(new ExperimentEvent.RunDiverged(index, b.epoch, iteration, score));
                            return false;
                        }
                        epochSum += score;
                        epochCount++;
                    } else if (item instanceof EpochEnd e) {
                        long now = System.nanoTime();
                        double seconds = (now - epochStart) / 1e9;
                        history.endEpoch(seconds);
                        bus.publish(new ExperimentEvent.EpochEnded(index, e.epoch(), iteration, seconds,
                                epochCount == 0 ? Double.NaN : epochSum / epochCount));
                        epochStart = now;
                        epochSum = 0;
                        epochCount = 0;
                    }
                }
            } finally {
                if (trainStart != 0) {
                    trainingSeconds = (System.nanoTime() - trainStart) / 1e9;
                }
            }
        }

        private void evaluate() throws Exception {
            long t0 = System.nanoTime();
            java.util.OptionalDouble result = TestEvaluator.accuracy(network, data, config.testExamples(),
                    () -> stopRequested);
            if (result.isPresent()) {
                accuracy = result.getAsDouble();
                bus.publish(new ExperimentEvent.RunEvaluated(index, accuracy, config.testExamples(),
                        (System.nanoTime() - t0) / 1e9));
            }
        }

        RunResult result() {
            return new RunResult(spec.name(), spec.batchNorm(), status, accuracy, config.testExamples(),
                    history.recentMean(100), trainingSeconds, history.size(), message);
        }
    }
}
