package dev.bnlab.experiment;

import java.util.Locale;

/**
 * How far an experiment is, as both faces show it: {@code done} of {@code total} iterations over all runs
 * (a run that ended early counts as done), training examples read over all runs, runs ended of all, after
 * {@code seconds}.
 */
public record Progress(long done, long total, double examples, int runsEnded, int runs, double seconds) {

    public double fraction() {
        return total <= 0 ? 0 : Math.min(1.0, (double) done / total);
    }

    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
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
