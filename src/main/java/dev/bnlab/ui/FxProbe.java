package dev.bnlab.ui;

import javafx.application.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark instrumentation of the window, off unless {@code -Dbnlab.probe=FILE}: how long from Start until
 * the chart first shows points, and how long a task posted to the FX thread waits (sampled every 50 ms),
 * apart for start-up (Start until the first points) and for training (from then to the end). Written to
 * FILE as JSON when the experiment ends.
 */
final class FxProbe {
    private final Path file;
    private final List<Double> latenciesMs = new ArrayList<>();
    private final List<Double> startUpLatenciesMs = new ArrayList<>();
    private volatile boolean sampling;
    private long startNanos;
    private volatile double firstPointsMs = Double.NaN;

    private FxProbe(Path file) {
        this.file = file;
    }

    static FxProbe fromSystemProperty() {
        String f = System.getProperty("bnlab.probe");
        return f == null || f.isBlank() ? null : new FxProbe(Path.of(f));
    }

    void started() {
        startNanos = System.nanoTime();
        firstPointsMs = Double.NaN;
        synchronized (latenciesMs) {
            latenciesMs.clear();
            startUpLatenciesMs.clear();
        }
        sampling = true;
        Thread sampler = new Thread(() -> {
            while (sampling) {
                long posted = System.nanoTime();
                boolean training = !Double.isNaN(firstPointsMs);
                Platform.runLater(() -> {
                    synchronized (latenciesMs) {
                        (training ? latenciesMs : startUpLatenciesMs).add((System.nanoTime() - posted) / 1e6);
                    }
                });
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bnlab-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    void chartDrawn(long points) {
        if (Double.isNaN(firstPointsMs) && points > 0) {
            firstPointsMs = (System.nanoTime() - startNanos) / 1e6;
        }
    }

    void ended(int iterationsPerRun, double trainingSeconds) {
        sampling = false;
        List<Double> sorted;
        List<Double> startUp;
        synchronized (latenciesMs) {
            sorted = new ArrayList<>(latenciesMs);
            startUp = new ArrayList<>(startUpLatenciesMs);
        }
        sorted.sort(Double::compare);
        startUp.sort(Double::compare);
        double p50 = percentile(sorted, 0.50);
        double p95 = percentile(sorted, 0.95);
        double max = sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
        String json = String.format(Locale.ROOT,
                "{\"start_to_first_points_ms\": %.1f, \"fx_latency_samples\": %d, \"fx_latency_p50_ms\": %.2f,"
                        + " \"fx_latency_p95_ms\": %.2f, \"fx_latency_max_ms\": %.2f, \"startup_latency_samples\": %d,"
                        + " \"startup_latency_p95_ms\": %.2f, \"startup_latency_max_ms\": %.2f, \"iterations_per_run\": %d,"
                        + " \"training_seconds\": %.3f}%n",
                firstPointsMs, sorted.size(), p50, p95, max, startUp.size(), percentile(startUp, 0.95),
                startUp.isEmpty() ? Double.NaN : startUp.get(startUp.size() - 1), iterationsPerRun, trainingSeconds);
        try {
            Files.writeString(file, json);
        } catch (IOException e) {
            System.err.println("bnlab.probe: cannot write " + file + ": " + e.getMessage());
        }
    }

    private static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
