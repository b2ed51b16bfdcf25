package dev.bnlab.report.chart;

/**
 * Which epoch markers a chart draws when there are many: every k-th (k = 1, 2, 5, 10, 20, 50, …), the
 * smallest k that keeps drawn markers at least {@code minGap} apart. The files and the window use it alike,
 * so 50 epochs show every 5th boundary instead of a comb of dashes.
 */
public final class MarkerStride {
    private MarkerStride() {
    }

    /** @param spacing the distance between two neighbouring markers, in the unit of {@code minGap} */
    public static int of(int markers, double spacing, double minGap) {
        if (markers < 2 || !(spacing > 0)) {
            return 1;
        }
        double wanted = minGap / spacing;
        for (int power = 1; power < 1_000_000_000; power *= 10) {
            for (int m : new int[]{1, 2, 5}) {
                if (m * power >= wanted) {
                    return m * power;
                }
            }
        }
        return markers;
    }
}
