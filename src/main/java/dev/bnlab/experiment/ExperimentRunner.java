package dev.bnlab.experiment;

import dev.bnlab.data.MnistData;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.RunSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every run of an experiment ({@link ExperimentSpec#expand()}: variants × seeds), {@code parallelRuns} at
 * a time, each on its own thread with one native thread for ND4J's math: on this project's 2-core machines,
 * one run per core is the fastest layout measured (docs/performance.md). Runs are taken in order, so the variants
 * of one seed train side by side. Each run reads its own seeded minibatches, so pairing does not depend on
 * timing: a run trains exactly as it would alone. Publishes {@link ExperimentEvent}s, keeps each run's
 * {@link RunHistory}, and can be stopped from any thread within one iteration, keeping everything recorded.
 */
public final class ExperimentRunner {
    private final ExperimentSpec spec;
    private final MnistData data;
    private final int parallelRuns;
    private final EventBus bus = new EventBus();
    private final List<RunTrainer> trainers = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicInteger next = new AtomicInteger();
    private final PeriodicGc gc = new PeriodicGc();
    /** The order lanes take runs in (indices into {@code trainers}). */
    private final int[] order;
    private volatile boolean stopRequested;

    public ExperimentRunner(ExperimentSpec spec, MnistData data) {
        this(spec, data, defaultParallelRuns(spec.runCount()));
    }

    public ExperimentRunner(ExperimentSpec spec, MnistData data, int parallelRuns) {
        this(spec, data, parallelRuns, TrainingBatches.mnist(data));
    }

    /** With the minibatches from {@code batches}: tests watch what each run receives. */
    ExperimentRunner(ExperimentSpec spec, MnistData data, int parallelRuns, TrainingBatches batches) {
        this.spec = spec.validated();
        this.data = data;
        this.parallelRuns = Math.max(1, Math.min(parallelRuns, spec.runCount()));
        SharedProbeImages probeImages = new SharedProbeImages(data, spec.monitoring().evalExamples());
        for (RunSpec run : spec.expand()) {
            trainers.add(new RunTrainer(run, data, batches, bus, () -> stopRequested, gc, probeImages));
        }
        order = schedule(spec.expand(), spec.sweep().active());
    }

    /**
     * The order runs are taken in. Without a sweep: as expanded, seed by seed, so the variants of a seed train
     * side by side and the verdict's pairs complete early. In a sweep: largest first (the longest-processing-time
     * rule, which keeps the last lane from running alone at the end): iterations times the cost of an
     * iteration, which BN raises by about 60-70 % here (bench/, docs/performance.md); ties keep their order.
     */
    static int[] schedule(List<RunSpec> runs, boolean largestFirst) {
        java.util.stream.Stream<RunSpec> s = runs.stream();
        if (largestFirst) {
            s = s.sorted(java.util.Comparator.comparingDouble(ExperimentRunner::estimatedCost).reversed());
        }
        return s.mapToInt(RunSpec::index).toArray();
    }

    static double estimatedCost(RunSpec run) {
        double perIteration = switch (run.variant().batchNorm()) {
            case NONE -> 1.0;
            case AFTER -> 1.6;
            case BEFORE -> 1.7;
        };
        return perIteration * run.hyperparameters().totalIterations();
    }

    /** One run per core, never more runs than the experiment has. */
    public static int defaultParallelRuns(int runs) {
        return Math.max(1, Math.min(runs, Runtime.getRuntime().availableProcessors()));
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public List<RunSpec> runs() {
        return trainers.stream().map(RunTrainer::spec).toList();
    }

    public int parallelRuns() {
        return parallelRuns;
    }

    public void subscribe(ExperimentListener listener) {
        bus.subscribe(listener);
    }

    public void unsubscribe(ExperimentListener listener) {
        bus.unsubscribe(listener);
    }

    /** Asks every run to stop after its current iteration; runs not yet begun never begin. Any thread. */
    public void stop() {
        stopRequested = true;
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    public List<RunHistory> histories() {
        return trainers.stream().map(t -> t.history).toList();
    }

    public RunStatus status(int run) {
        return trainers.get(run).status;
    }

    /** The network of a run (null before it is built): for evaluation after a stop, or inspection. */
    public MultiLayerNetwork network(int run) {
        return trainers.get(run).network;
    }

    /** Evaluates a run's network as it is now (e.g. after a stop); blocking. NaN when it has no network. */
    public double evaluateNow(int run) throws java.io.IOException {
        MultiLayerNetwork net = network(run);
        if (net == null) {
            return Double.NaN;
        }
        synchronized (net) {
            return TestEvaluator.accuracy(net, data, spec.hyperparameters().testExamples(), () -> false)
                    .orElse(Double.NaN);
        }
    }

    /** Runs the experiment on a pooled daemon thread (see {@link TrainingThreads}). */
    public CompletableFuture<ExperimentResult> start() {
        return TrainingThreads.supply("bnlab-experiment", this::run);
    }

    /** Runs the whole experiment on the calling thread and returns once every run has ended. */
    public ExperimentResult run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("an ExperimentRunner runs once; create a new one");
        }
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        Nd4jThreads.limitProcess(Nd4jThreads.perRun());
        bus.publish(new ExperimentEvent.Started(spec, runs(), parallelRuns));
        List<Future<?>> lanes = new ArrayList<>();
        for (int i = 0; i < parallelRuns; i++) {
            lanes.add(TrainingThreads.run("bnlab-run-lane" + i, this::lane));
        }
        for (Future<?> lane : lanes) {
            joinUninterruptibly(lane);
        }
        for (RunTrainer t : trainers) {
            if (t.status == RunStatus.PENDING) {
                t.skip(); // stopped before it began
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<RunResult> results = trainers.stream().map(RunTrainer::result).toList();
        String failure = results.stream().filter(r -> r.status() == RunStatus.FAILED)
                .map(r -> r.name() + ": " + r.message()).findFirst().orElse(null);
        ExperimentResult.Status status = failure != null ? ExperimentResult.Status.FAILED
                : stopRequested ? ExperimentResult.Status.STOPPED : ExperimentResult.Status.FINISHED;
        ExperimentResult result = new ExperimentResult(spec, status, results, histories(), startedAt, seconds, failure);
        bus.publish(switch (status) {
            case FINISHED -> new ExperimentEvent.Finished(result);
            case STOPPED -> new ExperimentEvent.Stopped(result);
            case FAILED -> new ExperimentEvent.Failed(result, failure);
        });
        return result;
    }

    /** One of the parallel lanes: takes the next run not yet taken until none is left or a stop comes. */
    private void lane() {
        Nd4jThreads.limitCurrentThread(Nd4jThreads.perRun());
        Thread thread = Thread.currentThread();
        String laneName = thread.getName();
        try {
            while (!stopRequested) {
                int k = next.getAndIncrement();
                if (k >= order.length) {
                    return;
                }
                int i = order[k];
                thread.setName("bnlab-run-" + i);
                trainers.get(i).run();
            }
        } finally {
            thread.setName(laneName);
        }
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
                break; // a run records its own failure
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
