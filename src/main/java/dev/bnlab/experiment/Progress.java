package dev.bnlab.experiment;

import java.util.Locale;

/**
 * How far an experiment is, as both faces show it: {@code iterations} done by the slowest run after
 * {@code seconds} of training. Examples count each minibatch once (the runs share them).
 */
public record Progress(ExperimentConfig config, int iterations, double seconds) {

    public double fraction() {
        return Math.min(1.0, (double) iterations / Math.max(1, config.totalIterations()));
    }

    /** Training examples read so far; the last batch of an epoch may be short. */
    public double examplesSeen() {
        int perEpoch = Math.max(1, config.iterationsPerEpoch());
        int epochsDone = iterations / perEpoch;
        int rest = iterations % perEpoch;
        return (double) epochsDone * config.trainExamples()
                + Math.min((long) rest * config.batchSize(), config.trainExamples());
    }

    public double examplesPerSecond() {
        return seconds > 0 ? examplesSeen() / seconds : 0;
    }

    /** Estimated seconds left, NaN before the first iteration. */
    public double etaSeconds() {
        double f = fraction();
        return f > 0 ? seconds * (1 - f) / f : Double.NaN;
    }

    public String elapsedText() {
        return clock(seconds);
    }

    public String etaText() {
        double eta = etaSeconds();
        return Double.isFinite(eta) ? clock(eta) : "--:--";
    }

    /** m:ss, or h:mm:ss from an hour on. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
