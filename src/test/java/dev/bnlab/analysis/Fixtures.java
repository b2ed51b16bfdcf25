package dev.bnlab.analysis;

import java.util.Arrays;

/**
 * Realistic accuracies for the reference numbers: correct test images out of 10,000 per seed, as doubles
 * ({@code 9696 / 1e4} is the same double as the literal 0.9696, and as numpy's {@code np.array([9696]) / 1e4}).
 * The Python one-liners in the tests build the same arrays, so both sides see the same bits.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** correct / 10,000 for each seed. */
    static double[] acc(int... correct) {
        return Arrays.stream(correct).mapToDouble(c -> c / 1e4).toArray();
    }

    /** 5 seeds, without BN. */
    static final double[] REF5 = acc(9696, 9704, 9689, 9712, 9701);
    /** 5 seeds, with BN: differences 33, 27, 29, 28, 24 images, no ties, no zeros. */
    static final double[] CAND5 = acc(9729, 9731, 9718, 9740, 9725);

    /** 10 seeds, without BN. */
    static final double[] REF10 = acc(9696, 9704, 9689, 9712, 9701, 9698, 9707, 9693, 9710, 9700);
    /** 10 seeds, with BN: differences 31, 12, 0, 25, −12, 40, −8, 25, 19, 33: one zero, ties 12/−12 and 25/25. */
    static final double[] CAND10 = acc(9727, 9716, 9689, 9737, 9689, 9738, 9699, 9718, 9729, 9733);

    /** 7 seeds, seed 2 without an accuracy on this side. */
    static final double[] REF7_NAN = {0.9696, 0.9704, Double.NaN, 0.9712, 0.9701, 0.9698, 0.9707};
    /** 7 seeds, seed 5 without an accuracy on this side; the 5 pairs left differ by 5, −12, 8, −3, 10 images. */
    static final double[] CAND7_NAN = {0.9701, 0.9692, 0.9750, 0.9720, 0.9698, Double.NaN, 0.9717};

    /** 12 seeds, without BN. */
    static final double[] REF12 = acc(9696, 9704, 9689, 9712, 9701, 9698, 9707, 9693, 9710, 9700, 9695, 9703);
    /** 12 seeds: 11 small gains (5 to 15 images) and one loss of 100 images, the Wilcoxon/t-test split. */
    static final double[] CAND12 = acc(9701, 9710, 9696, 9720, 9710, 9708, 9718, 9705, 9723, 9714, 9710, 9603);

    /** 36 seeds, without BN. */
    static final double[] REF36 = acc(9718, 9708, 9710, 9716, 9707, 9713, 9715, 9696, 9691, 9699, 9698, 9716,
            9717, 9690, 9704, 9714, 9693, 9713, 9693, 9704, 9714, 9699, 9700, 9698, 9711, 9697, 9719, 9703, 9704,
            9705, 9707, 9706, 9705, 9719, 9714, 9713);
    /** 36 seeds with BN: 2 zero differences, 34 non-zero with many ties: the normal approximation. */
    static final double[] CAND36 = acc(9742, 9726, 9708, 9760, 9707, 9703, 9749, 9682, 9726, 9716, 9681, 9694,
            9723, 9667, 9688, 9725, 9735, 9720, 9724, 9743, 9746, 9718, 9700, 9708, 9704, 9706, 9720, 9695, 9748,
            9680, 9688, 9694, 9747, 9742, 9750, 9702);

    /** Differences given in test images out of 10,000, as the doubles a − b would roughly be. */
    static double[] images(int... differences) {
        return Arrays.stream(differences).mapToDouble(d -> d / 1e4).toArray();
    }
}
