package dev.bnlab.experiment;

import java.util.Locale;
import java.util.Optional;

/**
 * When a run has diverged, decided iteration by iteration from its minibatch loss, so that it can be stopped
 * at once (a sweep then spends no time on it). A run has diverged when
 * <ol>
 *   <li>its loss is NaN or infinite; or</li>
 *   <li>it <b>exploded</b>: its loss stayed above {@value #FACTOR} times its starting loss (the mean of its first
 *   {@value #START} iterations, about ln 10 = 2.30 for a fresh network) for {@value #PATIENCE} iterations in a
 *   row; or</li>
 *   <li>it <b>collapsed to chance</b>: after its smoothed loss had once fallen below {@value #LEARNED} × ln 10
 *   (it had learned something), the smoothed loss climbed back to at least {@value #CHANCE} × ln 10, the loss of
 *   guessing, and stayed there for {@value #COLLAPSE_PATIENCE} iterations in a row.</li>
 * </ol>
 * A noisy start, a short spike and a slow learner near ln 10 are none of these. Smoothing is an exponential
 * moving average with weight {@value #EMA} on the past, as TensorBoard's 0.9.
 */
public final class DivergenceRule {
    static final int START = 10;
    static final double FACTOR = 3;
    static final int PATIENCE = 50;
    static final double LEARNED = 0.7;
    static final double CHANCE = 0.97;
    static final int COLLAPSE_PATIENCE = 100;
    static final double EMA = 0.9;
    private static final double LN10 = Math.log(10);

    private int seen;
    private double startSum;
    private double start = Double.NaN;
    private int above;
    private double smoothed = Double.NaN;
    private boolean learned;
    private int atChance;

    /** Feeds iteration {@code iteration}'s loss; a reason when the run has now diverged. */
    public Optional<String> observe(int iteration, double loss) {
        if (!Double.isFinite(loss)) {
            return Optional.of("loss became " + loss + " at iteration " + iteration);
        }
        seen++;
        smoothed = Double.isNaN(smoothed) ? loss : EMA * smoothed + (1 - EMA) * loss;
        if (seen <= START) {
            startSum += loss;
            if (seen == START) {
                start = startSum / START;
            }
            return Optional.empty();
        }
        above = loss > FACTOR * start ? above + 1 : 0;
        if (above >= PATIENCE) {
            return Optional.of(String.format(Locale.ROOT,
                    "loss exploded: above %.0f times its starting loss (%.2f) for %d iterations, at iteration %d",
                    FACTOR, start, PATIENCE, iteration));
        }
        if (smoothed < LEARNED * LN10) {
            learned = true;
        }
        atChance = learned && smoothed >= CHANCE * LN10 ? atChance + 1 : 0;
        if (atChance >= COLLAPSE_PATIENCE) {
            return Optional.of(String.format(Locale.ROOT,
                    "collapsed to chance: smoothed loss back at %.2f (ln 10 = 2.30, guessing) for %d iterations, at iteration %d",
                    smoothed, COLLAPSE_PATIENCE, iteration));
        }
        return Optional.empty();
    }
}
