package dev.bnlab.report.chart;

/** What the band around a mean curve over seeds shows. */
public enum BandKind {
    /** From the lowest to the highest seed. */
    MIN_MAX("min–max"),
    /** Mean ± one sample standard deviation (n − 1). */
    SD("±1 sd"),
    /** Mean ± t(0.975, n − 1) · sd / √n: the 95 % confidence interval of the mean. */
    CI95("95 % CI");

    private final String label;

    BandKind(String label) {
        this.label = label;
    }

    /** The words shown in the footnote and the options: "min–max", "±1 sd", "95 % CI". */
    public String label() {
        return label;
    }
}
