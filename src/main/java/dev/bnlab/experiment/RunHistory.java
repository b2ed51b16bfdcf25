package dev.bnlab.experiment;

import dev.bnlab.probe.ProbePoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every score one run recorded, in iteration order, the iteration at which each epoch ended, and every probe
 * point measured inside its network.
 * One thread writes; any thread may read a consistent copy at any time.
 */
public final class RunHistory {
    private final String runName;
    private float[] scores = new float[1024];
    private int size;
    private int[] epochEnds = new int[8];
    private double[] epochSeconds = new double[8];
    private int epochs;
    private final List<ProbePoint> probes = new ArrayList<>();

    public RunHistory(String runName) {
        this.runName = runName;
    }

    public String runName() {
        return runName;
    }

    public synchronized void addScore(double score) {
        if (size == scores.length) {
            scores = Arrays.copyOf(scores, scores.length * 2);
        }
        scores[size++] = (float) score;
    }

    public synchronized void endEpoch(double seconds) {
        if (epochs == epochEnds.length) {
            epochEnds = Arrays.copyOf(epochEnds, epochs * 2);
            epochSeconds = Arrays.copyOf(epochSeconds, epochs * 2);
        }
        epochEnds[epochs] = size;
        epochSeconds[epochs++] = seconds;
    }

    public synchronized void addProbe(ProbePoint point) {
        probes.add(point);
    }

    /** Every probe point so far, in iteration order. */
    public synchronized List<ProbePoint> probes() {
        return List.copyOf(probes);
    }

    public synchronized int probeCount() {
        return probes.size();
    }

    public synchronized int size() {
        return size;
    }

    /** Score of iteration {@code i} (1-based). */
    public synchronized double score(int iteration) {
        if (iteration < 1 || iteration > size) {
            throw new IndexOutOfBoundsException("iteration " + iteration + " of " + size);
        }
        return scores[iteration - 1];
    }

    /** Scores of iterations {@code from+1 .. size()}: what a chart has not drawn yet. */
    public synchronized float[] scoresSince(int from) {
        return Arrays.copyOfRange(scores, Math.min(from, size), size);
    }

    public synchronized float[] scores() {
        return Arrays.copyOf(scores, size);
    }

    /** The iteration (1-based, inclusive) that closed each finished epoch. */
    public synchronized int[] epochEnds() {
        return Arrays.copyOf(epochEnds, epochs);
    }

    public synchronized double[] epochSeconds() {
        return Arrays.copyOf(epochSeconds, epochs);
    }

    /** Mean of the last {@code window} finite scores (NaN when there are none). */
    public synchronized double recentMean(int window) {
        double sum = 0;
        int n = 0;
        for (int i = size - 1; i >= 0 && n < window; i--) {
            if (Float.isFinite(scores[i])) {
                sum += scores[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
