package dev.bnlab.probe;

import java.util.Arrays;

/**
 * The 15th, 50th and 85th percentiles of one site's values over the probe images: for every unit of the layer,
 * and pooled over all its units. Immutable.
 */
public final class SiteDistribution {
    private final ProbeSite site;
    private final float[] unitPercentiles; // unit-major: p15, p50, p85 of unit 0, then unit 1, ...
    private final float[] pooled;
    private final double mean;
    private final double std;

    public SiteDistribution(ProbeSite site, float[] unitPercentiles, float[] pooled, double mean, double std) {
        if (unitPercentiles.length % 3 != 0 || pooled.length != 3) {
            throw new IllegalArgumentException("three percentiles per unit and pooled");
        }
        this.site = site;
        this.unitPercentiles = unitPercentiles.clone();
        this.pooled = pooled.clone();
        this.mean = mean;
        this.std = std;
    }

    public ProbeSite site() {
        return site;
    }

    public int units() {
        return unitPercentiles.length / 3;
    }

    /** Percentile {@code which} (0: 15th, 1: 50th, 2: 85th) of unit {@code unit}'s values. */
    public float unit(int unit, int which) {
        return unitPercentiles[unit * 3 + which];
    }

    /** Percentile {@code which} (0: 15th, 1: 50th, 2: 85th) of all units' values together. */
    public float pooled(int which) {
        return pooled[which];
    }

    /** Mean of all units' values together. */
    public double mean() {
        return mean;
    }

    /** Standard deviation (population) of all units' values together. */
    public double std() {
        return std;
    }

    @Override
    public String toString() {
        return site.key() + " " + units() + " units, pooled " + Arrays.toString(pooled);
    }
}
