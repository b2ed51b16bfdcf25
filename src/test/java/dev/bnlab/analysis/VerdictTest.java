package dev.bnlab.analysis;

import dev.bnlab.analysis.Verdict.Level;
import org.junit.jupiter.api.Test;

import static dev.bnlab.analysis.Fixtures.CAND10;
import static dev.bnlab.analysis.Fixtures.CAND12;
import static dev.bnlab.analysis.Fixtures.CAND36;
import static dev.bnlab.analysis.Fixtures.CAND5;
import static dev.bnlab.analysis.Fixtures.CAND7_NAN;
import static dev.bnlab.analysis.Fixtures.REF10;
import static dev.bnlab.analysis.Fixtures.REF12;
import static dev.bnlab.analysis.Fixtures.REF36;
import static dev.bnlab.analysis.Fixtures.REF5;
import static dev.bnlab.analysis.Fixtures.REF7_NAN;
import static dev.bnlab.analysis.Fixtures.acc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every level's wording, whole sentences. The numbers in them are the scipy 1.17.1 reference numbers of
 * {@link PairedComparisonTest} and {@link SignedRankTestTest}, times 100 and rounded.
 */
class VerdictTest {
    private static final String BN = "BN after activation";
    private static final String PLAIN = "without BN";

    private static Verdict verdict(double[] candidate, double[] reference) {
        return Verdict.of(PairedComparison.of(candidate, reference), BN, PLAIN);
    }

    @Test
    void noSeedWithBothAccuracies() {
        Verdict v = verdict(new double[] {Double.NaN, 0.97}, new double[] {0.97, Double.NaN});

        assertThat(v.level()).isEqualTo(Level.NO_DATA);
        assertThat(v.text()).isEqualTo("none of the 2 seeds has test accuracies for both BN after activation and"
                + " without BN (a run diverged, was stopped or failed): no verdict");
        assertThat(verdict(new double[0], new double[0])).isEqualTo(new Verdict(Level.NO_DATA, "no seeds: no verdict"));
    }

    @Test
    void oneSeed() {
        Verdict v = verdict(new double[] {0.9733, Double.NaN}, new double[] {0.9704, 0.9700});

        assertThat(v.level()).isEqualTo(Level.ONE_SEED);
        assertThat(v.text()).isEqualTo("one seed: no verdict (on it, BN after activation is ahead of without BN"
                + " by 0.29 points); 1 seed left out (a run without test accuracy)");
    }

    @Test
    void twoToFourSeeds() {
        Verdict three = verdict(acc(9729, 9731, 9718), acc(9696, 9704, 9689));
        Verdict four = verdict(acc(9729, 9731, 9718, 9740), acc(9696, 9704, 9689, 9712));

        assertThat(three).isEqualTo(new Verdict(Level.TOO_FEW_SEEDS,
                "only 3 seeds: no verdict (5 seeds or more give an interval worth reading)"));
        assertThat(four.level()).isEqualTo(Level.TOO_FEW_SEEDS);
        assertThat(four.text()).startsWith("only 4 seeds: no verdict");
    }

    @Test
    void intervalContainsZero() {
        // mean 0.00016, CI (-0.00097, 0.00129), t-test p 0.7134, Wilcoxon p 0.8125 (PairedComparisonTest)
        Verdict v = verdict(CAND7_NAN, REF7_NAN);

        assertThat(v.level()).isEqualTo(Level.NOT_SIGNIFICANT);
        assertThat(v.text()).isEqualTo("BN after activation is ahead of without BN by 0.02 points over 5 seeds"
                + " (95 % CI -0.10 to 0.13, paired t-test p = 0.713): not significant at the 5 % level;"
                + " 2 seeds left out (a run without test accuracy)");
    }

    @Test
    void significantOnFiveSeedsIsPreliminaryAndTheWilcoxonCannotFollow() {
        // mean 0.00282, CI (0.00241, 0.00323), t-test p 4.3e-05, Wilcoxon p 0.0625 = 2/2^5
        Verdict v = verdict(CAND5, REF5);

        assertThat(v.level()).isEqualTo(Level.SIGNIFICANT_PRELIMINARY);
        assertThat(v.text()).isEqualTo("BN after activation is ahead of without BN by 0.28 points over 5 seeds"
                + " (95 % CI 0.24 to 0.32, paired t-test p < 0.001): significant at the 5 % level, but preliminary:"
                + " 10 seeds are needed to make it a claim. Note: the Wilcoxon signed-rank test disagrees, it does"
                + " not find the difference significant at the 5 % level (Wilcoxon p = 0.063, paired t-test"
                + " p < 0.001; with 5 non-zero differences its smallest possible p is 0.063)");
    }

    @Test
    void significantOnTenSeedsWhereBothTestsAgree() {
        // mean 0.00165, CI (0.000368, 0.002932), t-test p 0.01727, Wilcoxon p 0.0234 (both below 5 %: no note)
        Verdict v = verdict(CAND10, REF10);

        assertThat(v.level()).isEqualTo(Level.SIGNIFICANT);
        assertThat(v.text()).isEqualTo("BN after activation is ahead of without BN by 0.17 points over 10 seeds"
                + " (95 % CI 0.04 to 0.29, paired t-test p = 0.017): significant at the 5 % level");
    }

    @Test
    void behindWhenTheCandidateLoses() {
        Verdict v = verdict(REF10, CAND10);

        assertThat(v.level()).isEqualTo(Level.SIGNIFICANT);
        assertThat(v.text()).isEqualTo("BN after activation is behind without BN by 0.17 points over 10 seeds"
                + " (95 % CI -0.29 to -0.04, paired t-test p = 0.017): significant at the 5 % level");
    }

    @Test
    void wilcoxonSignificantWhereTheTTestIsNot() {
        // mean 0.0000833, CI (-0.00194, 0.00211), t-test p 0.9295, Wilcoxon p 0.0342
        Verdict v = verdict(CAND12, REF12);

        assertThat(v.level()).isEqualTo(Level.NOT_SIGNIFICANT);
        assertThat(v.text()).isEqualTo("BN after activation is ahead of without BN by 0.01 points over 12 seeds"
                + " (95 % CI -0.19 to 0.21, paired t-test p = 0.930): not significant at the 5 % level."
                + " Note: the Wilcoxon signed-rank test disagrees, it finds the difference significant at the"
                + " 5 % level (Wilcoxon p = 0.034, paired t-test p = 0.930)");
    }

    @Test
    void manySeedsWithTheApproximation() {
        Verdict v = verdict(CAND36, REF36);

        assertThat(v.level()).isEqualTo(Level.SIGNIFICANT);
        assertThat(v.text()).doesNotContain("Note").contains("over 36 seeds").endsWith("significant at the 5 % level");
    }

    @Test
    void sameDifferenceOnEverySeed() {
        Verdict v = verdict(acc(9712, 9706, 9720, 9697, 9709), acc(9704, 9698, 9712, 9689, 9701));

        assertThat(v.level()).isEqualTo(Level.SIGNIFICANT_PRELIMINARY);
        assertThat(v.text()).isEqualTo("BN after activation is ahead of without BN by 0.08 points over 5 seeds"
                + " (95 % CI 0.08 to 0.08, paired t-test: no p, the difference is the same on every seed):"
                + " significant at the 5 % level, but preliminary: 10 seeds are needed to make it a claim."
                + " Note: the Wilcoxon signed-rank test disagrees, it does not find the difference significant at"
                + " the 5 % level (Wilcoxon p = 0.063, paired t-test: no p; with 5 non-zero differences its"
                + " smallest possible p is 0.063)");
    }

    @Test
    void identicalAccuracies() {
        Verdict v = verdict(REF5, REF5.clone());

        assertThat(v.level()).isEqualTo(Level.NOT_SIGNIFICANT);
        assertThat(v.text()).isEqualTo("BN after activation is level with without BN (0.00 points) over 5 seeds"
                + " (95 % CI 0.00 to 0.00, paired t-test: no p, the difference is the same on every seed):"
                + " not significant at the 5 % level");
    }

    @Test
    void pValuesAreWrittenForReading() {
        assertThat(Verdict.p(0.004)).isEqualTo("p = 0.004");
        assertThat(Verdict.p(0.001)).isEqualTo("p = 0.001");
        assertThat(Verdict.p(0.00099)).isEqualTo("p < 0.001");
        assertThat(Verdict.p(4.268064680972467e-05)).isEqualTo("p < 0.001");
        assertThat(Verdict.p(0.9295466016580337)).isEqualTo("p = 0.930");
        // near the 5 % line, enough digits to see the side
        assertThat(Verdict.p(0.0496)).isEqualTo("p = 0.0496");
        assertThat(Verdict.p(0.0504)).isEqualTo("p = 0.0504");
        assertThat(Verdict.p(0.04996)).isEqualTo("p = 0.04996");
        assertThat(Verdict.p(0.0514)).isEqualTo("p = 0.051");
    }

    @Test
    void pointsAreHundredthsOfAPercentagePointInRootLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(Verdict.points(0.0031)).isEqualTo("0.31");
            assertThat(Verdict.points(-0.0029)).isEqualTo("-0.29");
            assertThat(verdict(CAND10, REF10).text()).contains("0.17 points");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
