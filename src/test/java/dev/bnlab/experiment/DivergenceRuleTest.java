package dev.bnlab.experiment;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The divergence rule on scripted loss histories: it fires on real explosions and collapses, not on noise. */
class DivergenceRuleTest {

    /** The iteration at which the rule fires on {@code losses} (1-based), or 0 when it never does. */
    private static int firesAt(double[] losses) {
        DivergenceRule rule = new DivergenceRule();
        for (int i = 0; i < losses.length; i++) {
            Optional<String> reason = rule.observe(i + 1, losses[i]);
            if (reason.isPresent()) {
                return i + 1;
            }
        }
        return 0;
    }

    private static double[] learning(int n, long seed) {
        Random r = new Random(seed);
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = 0.1 + 2.2 * Math.exp(-i / 80.0) + 0.15 * r.nextGaussian() * Math.exp(-i / 300.0);
        }
        return l;
    }

    @Test
    void ordinaryTrainingWithANoisyStartNeverFires() {
        for (long seed = 0; seed < 20; seed++) {
            double[] l = learning(2000, seed);
            l[3] = 6.5; // a wild first minibatch
            l[12] = 5.0;
            assertThat(firesAt(l)).as("seed %d", seed).isZero();
        }
    }

    @Test
    void aShortSpikeIsNotAnExplosionButASustainedOneIs() {
        double[] spike = learning(1000, 1);
        for (int i = 200; i < 240; i++) {
            spike[i] = 12; // 40 iterations far above the start: fewer than 50
        }
        assertThat(firesAt(spike)).isZero();

        double[] explosion = learning(1000, 2);
        for (int i = 200; i < 1000; i++) {
            explosion[i] = 10 * Math.exp((i - 200) / 50.0);
        }
        assertThat(firesAt(explosion)).isEqualTo(250); // 50 iterations above 3 x ~2.3
    }

    @Test
    void nanOrInfinityFiresAtOnce() {
        double[] l = learning(100, 3);
        l[40] = Double.NaN;
        assertThat(firesAt(l)).isEqualTo(41);
        l[40] = 1;
        l[20] = Double.POSITIVE_INFINITY;
        assertThat(firesAt(l)).isEqualTo(21);
    }

    @Test
    void aRunThatLearnedAndFellBackToGuessingHasCollapsedButASlowLearnerHasNot() {
        double[] collapse = learning(1500, 4);
        for (int i = 500; i < 1500; i++) {
            collapse[i] = 2.3026 + 0.01 * Math.sin(i);
        }
        int at = firesAt(collapse);
        assertThat(at).isBetween(500 + 100, 500 + 160); // the smoothed loss needs ~20-40 steps to climb back

        double[] slow = new double[3000];
        for (int i = 0; i < slow.length; i++) {
            slow[i] = 2.3026 - 0.3 * i / slow.length; // lr far too small: still near ln 10
        }
        assertThat(firesAt(slow)).isZero();

        double[] stuck = new double[3000]; // never learned anything: the loss of guessing from the start
        java.util.Arrays.fill(stuck, 2.3026);
        assertThat(firesAt(stuck)).isZero();
    }
}
