package dev.bnlab.report;

/** One colour per run, the same in the live chart, the PNG and the results table. */
public final class RunColors {
    private static final String[] HEX = {"#E8743B", "#2F6FDE", "#19A979", "#945ECF", "#D64550", "#13A4B4"};

    private RunColors() {
    }

    public static String hex(int run) {
        return HEX[Math.floorMod(run, HEX.length)];
    }

    public static java.awt.Color awt(int run) {
        return java.awt.Color.decode(hex(run));
    }
}
