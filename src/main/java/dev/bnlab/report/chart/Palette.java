package dev.bnlab.report.chart;

import java.awt.Color;

/**
 * One colour per variant from the Okabe–Ito palette, which stays distinguishable for the common forms of
 * colour blindness: vermillion, blue, bluish green, reddish purple, orange, sky blue, black, and yellow last
 * (it is the hardest to see on white). Indices past the end cycle.
 */
public final class Palette {
    private static final String[] HEX = {
            "#D55E00", // vermillion
            "#0072B2", // blue
            "#009E73", // bluish green
            "#CC79A7", // reddish purple
            "#E69F00", // orange
            "#56B4E9", // sky blue
            "#000000", // black
            "#F0E442", // yellow: faint on white, so used last
    };

    private Palette() {
    }

    /** How many colours there are before they repeat. */
    public static int size() {
        return HEX.length;
    }

    /** "#RRGGBB" for the variant at {@code index} (any int; negative and large indices cycle). */
    public static String hex(int index) {
        return HEX[Math.floorMod(index, HEX.length)];
    }

    public static Color awt(int index) {
        return Color.decode(hex(index));
    }
}
