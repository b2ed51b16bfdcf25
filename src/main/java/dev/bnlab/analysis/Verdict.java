package dev.bnlab.analysis;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * The words that must follow the numbers of a {@link PairedComparison}, by the project's rules: five seeds or
 * more for an interval, ten for a claim; one seed, no verdict; an interval that contains 0 is "not significant
 * at the 5 % level".
 *
 * <p>Differences are in percentage points (difference × 100, two decimals), "ahead"/"behind" by the sign of the
 * mean difference, Locale.ROOT throughout so the text does not change with the machine.
 *
 * <p><b>Significance</b> is read off the 95 % interval (the level's basis, and equivalent to paired t-test
 * p &lt; 0.05), so the level and the wording can never disagree, also when every seed differs by the same amount
 * and the t-test has no p. <b>When the Wilcoxon signed-rank test lands on the other side of 5 %</b>, a note says
 * so with both p-values: the t-interval leans on normality, which five to ten seeds cannot check. The note is
 * only added from five seeds on (below, there is no verdict to contradict; with four or fewer non-zero
 * differences the Wilcoxon p cannot even go below 0.125). With five non-zero differences its smallest possible
 * p is 2/32 = 0.0625, so every significant result on five seeds carries the note, and says why.
 *
 * @param level what may be said
 * @param text  the sentence to show under the numbers
 */
public record Verdict(Level level, String text) {
    /** Seeds needed before the interval is worth reading. */
    public static final int SEEDS_FOR_INTERVAL = 5;
    /** Seeds needed before a significant difference is a claim rather than a preliminary finding. */
    public static final int SEEDS_FOR_CLAIM = 10;
    private static final double ALPHA = 0.05;

    /** What may be said, from nothing to a claim. */
    public enum Level {
        /** No seed has accuracies on both sides (every pair has a run that diverged, stopped or failed). */
        NO_DATA,
        /** One seed: no verdict. */
        ONE_SEED,
        /** Two to four seeds: no verdict, the interval is not worth reading yet. */
        TOO_FEW_SEEDS,
        /** Five seeds or more and the 95 % interval contains 0. */
        NOT_SIGNIFICANT,
        /** Five to nine seeds and the 95 % interval excludes 0: significant, but ten seeds make a claim. */
        SIGNIFICANT_PRELIMINARY,
        /** Ten seeds or more and the 95 % interval excludes 0. */
        SIGNIFICANT
    }

    public Verdict {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
    }

    /** The verdict on {@code c}, naming the networks as given (e.g. "BN after activation", "without BN"). */
    public static Verdict of(PairedComparison c, String candidateName, String referenceName) {
        int n = c.n();
        if (n == 0) {
            return new Verdict(Level.NO_DATA, c.dropped() == 0 ? "no seeds: no verdict"
                    : String.format(Locale.ROOT, "none of the %d %s has test accuracies for both %s and %s"
                            + " (a run diverged, was stopped or failed): no verdict",
                    c.dropped(), seeds(c.dropped()), candidateName, referenceName));
        }
        if (n == 1) {
            return new Verdict(Level.ONE_SEED, "one seed: no verdict (on it, " + candidateName + " "
                    + direction(c.meanDifference(), referenceName) + ")" + droppedNote(c));
        }
        if (n < SEEDS_FOR_INTERVAL) {
            return new Verdict(Level.TOO_FEW_SEEDS, String.format(Locale.ROOT,
                    "only %d seeds: no verdict (%d seeds or more give an interval worth reading)",
                    n, SEEDS_FOR_INTERVAL) + droppedNote(c));
        }
        String numbers = String.format(Locale.ROOT, "%s %s over %d seeds (95 %% CI %s to %s, %s)",
                candidateName, direction(c.meanDifference(), referenceName), n,
                points(c.ciLow()), points(c.ciHigh()), tTestPart(c));
        Level level;
        String conclusion;
        if (!c.ciExcludesZero()) {
            level = Level.NOT_SIGNIFICANT;
            conclusion = "not significant at the 5 % level";
        } else if (n < SEEDS_FOR_CLAIM) {
            level = Level.SIGNIFICANT_PRELIMINARY;
            conclusion = String.format(Locale.ROOT, "significant at the 5 %% level, but preliminary:"
                    + " %d seeds are needed to make it a claim", SEEDS_FOR_CLAIM);
        } else {
            level = Level.SIGNIFICANT;
            conclusion = "significant at the 5 % level";
        }
        return new Verdict(level, numbers + ": " + conclusion + droppedNote(c) + wilcoxonNote(c));
    }

    private static String direction(double meanDifference, String referenceName) {
        if (SignedRankTest.units(meanDifference) == 0) {
            return "is level with " + referenceName + " (0.00 points)";
        }
        return (meanDifference > 0 ? "is ahead of " : "is behind ") + referenceName + " by "
                + points(Math.abs(meanDifference)) + " points";
    }

    private static String tTestPart(PairedComparison c) {
        return Double.isNaN(c.tTestP()) ? "paired t-test: no p, the difference is the same on every seed"
                : "paired t-test " + p(c.tTestP());
    }

    /** Says when the Wilcoxon signed-rank test lands on the other side of 5 % than the interval. */
    private static String wilcoxonNote(PairedComparison c) {
        double w = c.wilcoxonP();
        if (Double.isNaN(w) || (w < ALPHA) == c.ciExcludesZero()) {
            return "";
        }
        String t = Double.isNaN(c.tTestP()) ? "paired t-test: no p" : "paired t-test " + p(c.tTestP());
        if (w < ALPHA) {
            return String.format(Locale.ROOT, ". Note: the Wilcoxon signed-rank test disagrees, it finds the"
                    + " difference significant at the 5 %% level (Wilcoxon %s, %s)", p(w), t);
        }
        int nonZero = SignedRankTest.nonZero(c.differences());
        String floor = nonZero > 5 ? "" : String.format(Locale.ROOT,
                "; with %d non-zero differences its smallest possible p is %s", nonZero,
                p(2.0 / (1 << nonZero)).substring("p = ".length()));
        return String.format(Locale.ROOT, ". Note: the Wilcoxon signed-rank test disagrees, it does not find the"
                + " difference significant at the 5 %% level (Wilcoxon %s, %s%s)", p(w), t, floor);
    }

    private static String droppedNote(PairedComparison c) {
        return c.dropped() == 0 ? "" : String.format(Locale.ROOT,
                "; %d %s left out (a run without test accuracy)", c.dropped(), seeds(c.dropped()));
    }

    private static String seeds(int count) {
        return count == 1 ? "seed" : "seeds";
    }

    /** A difference in percentage points, two decimals. */
    static String points(double difference) {
        return String.format(Locale.ROOT, "%.2f", 100 * difference);
    }

    /**
     * "p = 0.004", "p &lt; 0.001"; three decimals, more when three would print 0.050 for a p on either side of
     * the 5 % line (0.0496 is "p = 0.0496", not "p = 0.050").
     */
    public static String p(double p) {
        if (Double.isNaN(p)) {
            return "p -";
        }
        if (p < 0.001) {
            return "p < 0.001";
        }
        String text = String.format(Locale.ROOT, "%.3f", p);
        for (int decimals = 4; decimals <= 6 && new BigDecimal(text).compareTo(BigDecimal.valueOf(ALPHA)) == 0;
             decimals++) {
            text = String.format(Locale.ROOT, "%." + decimals + "f", p);
        }
        return "p = " + text;
    }
}
