package dev.bnlab.experiment;

import dev.bnlab.data.MnistData;
import dev.bnlab.network.NetworkFactory;
import dev.bnlab.network.SubnormalFlush;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.probe.RunProbe;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.RunSpec;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;

/**
 * Trains one run from start to end on the calling thread: builds its network, reads its own
 * {@code MnistDataSetIterator} (seeded by the run's seed, so the variants of one seed see the same minibatches
 * in the same order), publishes an event per iteration, stops within one iteration when asked, and evaluates
 * the trained network on the test images.
 */
final class RunTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(RunTrainer.class);

    private final RunSpec run;
    private final MnistData data;
    private final TrainingBatches batches;
    private final EventBus bus;
    private final BooleanSupplier stopRequested;
    private final PeriodicGc gc;
    private final SharedProbeImages probeImages;
    private final boolean flushSubnormals = SubnormalFlush.enabled();
    final RunHistory history;
    volatile RunStatus status = RunStatus.PENDING;
    volatile MultiLayerNetwork network;
    private volatile double accuracy = Double.NaN;
    private volatile double trainingSeconds;
    private volatile double probeSeconds;
    private volatile String message;

    RunTrainer(RunSpec run, MnistData data, TrainingBatches batches, EventBus bus, BooleanSupplier stopRequested,
               PeriodicGc gc, SharedProbeImages probeImages) {
        this.probeImages = probeImages;
        this.run = run;
        this.data = data;
        this.batches = batches;
        this.bus = bus;
        this.stopRequested = stopRequested;
        this.gc = gc;
        this.history = new RunHistory(run.label());
    }

    RunSpec spec() {
        return run;
    }

    /** Trains and evaluates; never throws: a failure is recorded as this run's status. */
    void run() {
        try {
            status = RunStatus.RUNNING;
            if (!stopRequested.getAsBoolean()) { // a stop during start-up skips building the network
                network = NetworkFactory.create(run);
                bus.publish(new ExperimentEvent.RunStarted(run.index()));
            }
            if (network != null && train() && !stopRequested.getAsBoolean()) {
                status = RunStatus.EVALUATING;
                evaluate();
            } else if (status == RunStatus.DIVERGED && finiteParameters() && !stopRequested.getAsBoolean()) {
                // exploded or collapsed with finite weights: its accuracy as it stopped counts, so a variant's
                // failures are not left out of the comparison (a NaN network has no accuracy)
                evaluate();
            }
            if (!status.isTerminal()) {
                status = stopRequested.getAsBoolean() ? RunStatus.STOPPED : RunStatus.FINISHED;
            }
        } catch (Throwable t) {
            LOG.error("Run '{}' failed", run.label(), t);
            message = t.toString();
            status = RunStatus.FAILED;
            bus.publish(new ExperimentEvent.RunFailed(run.index(), message));
        }
        bus.publish(new ExperimentEvent.RunEnded(result()));
    }

    /** A run that never began because the experiment was stopped first. */
    void skip() {
        status = RunStatus.STOPPED;
        message = "stopped before this run began";
        bus.publish(new ExperimentEvent.RunEnded(result()));
    }

    /** Returns true when every epoch was trained, false when stopped or diverged. */
    private boolean train() throws Exception {
        Hyperparameters h = run.hyperparameters();
        DataSetIterator train = batches.open(h);
        long trainStart = System.nanoTime();
        int iteration = 0;
        DivergenceRule divergence = new DivergenceRule();
        RunProbe probe = run.monitoring().enabled()
                ? new RunProbe(network, probeImages.get(), run.monitoring()) : null;
        try {
            if (probe != null) {
                try {
                    record(probe.initial());
                } catch (RuntimeException e) {
                    probe = probeFailed(probe, e);
                }
            }
            for (int epoch = 1; epoch <= h.epochs(); epoch++) {
                if (epoch > 1) {
                    train.reset(); // reshuffles, with the seeded generator: the same order every time
                }
                long epochStart = System.nanoTime();
                double epochSum = 0;
                int epochCount = 0;
                while (train.hasNext()) {
                    if (stopRequested.getAsBoolean()) {
                        return false;
                    }
                    DataSet batch = train.next();
                    boolean measured = probe != null
                            && probe.due(iteration + 1, epoch == h.epochs() && !train.hasNext());
                    double score;
                    try {
                        if (measured) {
                            try {
                                probe.beforeFit();
                            } catch (RuntimeException e) {
                                probe = probeFailed(probe, e);
                                measured = false;
                            }
                        }
                        network.fit(batch);
                        score = network.score();
                    } finally {
                        release(batch);
                    }
                    iteration++;
                    if (measured && Double.isFinite(score)) {
                        try {
                            record(probe.afterFit(iteration, epoch));
                        } catch (RuntimeException e) {
                            probe = probeFailed(probe, e);
                        }
                    }
                    if (flushSubnormals && iteration % SubnormalFlush.EVERY == 0) {
                        SubnormalFlush.apply(network);
                    }
                    history.addScore(score);
                    bus.publish(new ExperimentEvent.IterationScored(run.index(), epoch, iteration, score));
                    java.util.Optional<String> diverged = divergence.observe(iteration, score);
                    if (diverged.isPresent()) {
                        status = RunStatus.DIVERGED;
                        message = diverged.get();
                        bus.publish(new ExperimentEvent.RunDiverged(run.index(), epoch, iteration, score, message));
                        return false;
                    }
                    epochSum += score;
                    epochCount++;
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                history.endEpoch(seconds);
                bus.publish(new ExperimentEvent.EpochEnded(run.index(), epoch, iteration, seconds,
                        epochCount == 0 ? Double.NaN : epochSum / epochCount));
                gc.atEpochEnd();
            }
            return true;
        } finally {
            trainingSeconds = (System.nanoTime() - trainStart) / 1e9;
            probeSeconds = probe == null ? 0 : probe.seconds();
            if (train instanceof MnistDataSetIterator mnist) {
                mnist.close();
            }
        }
    }

    /**
     * A probe that fails (an unusual layer, an ND4J error) must not cost the run: it is switched off for this
     * run, the log says why, and training goes on.
     */
    private RunProbe probeFailed(RunProbe probe, RuntimeException e) {
        LOG.warn("Run '{}': measuring inside the network failed; probes are off for this run", run.label(), e);
        probe.disable();
        return null;
    }

    private void record(ProbePoint point) {
        history.addProbe(point);
        bus.publish(new ExperimentEvent.ProbeRecorded(run.index(), point));
    }

    /**
     * Frees a minibatch's native memory as soon as it is trained on. Left to the garbage collector, batches
     * alive during a young collection were promoted, and their native buffers (~200 KB each) waited for a
     * full collection that never came: the process grew by ~7 MB per epoch (bench/memory.sh).
     */
    private static void release(DataSet batch) {
        close(batch.getFeatures());
        close(batch.getLabels());
    }

    private static void close(INDArray array) {
        if (array != null && !array.wasClosed() && array.closeable()) {
            array.close();
        }
    }

    private boolean finiteParameters() {
        INDArray params = network.params();
        return !params.isNaN().any() && !params.isInfinite().any();
    }

    private void evaluate() throws Exception {
        long t0 = System.nanoTime();
        int examples = run.hyperparameters().testExamples();
        OptionalDouble result = TestEvaluator.accuracy(network, data, examples, stopRequested);
        if (result.isPresent()) {
            accuracy = result.getAsDouble();
            bus.publish(new ExperimentEvent.RunEvaluated(run.index(), accuracy, examples, (System.nanoTime() - t0) / 1e9));
        }
    }

    RunResult result() {
        return new RunResult(run, status, accuracy, run.hyperparameters().testExamples(), history.recentMean(100),
                trainingSeconds, probeSeconds, history.size(), message);
    }
}
