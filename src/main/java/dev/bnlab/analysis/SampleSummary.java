package dev.bnlab.analysis;

import org.apache.commons.math3.stat.StatUtils;

import java.util.Arrays;

/**
 * Mean, sample standard deviation and 95 % Student-t interval of one network's accuracies over seeds.
 *
 * <p>NaN values (runs without an accuracy) are left out, so {@code n} counts only the seeds that have one.
 * With n = 0 everything is NaN; with n = 1 the mean is that value but sd and the interval are NaN, because one
 * value says nothing about spread (Commons Math would report sd = 0 here, which reads as "no spread").
 *
 * @param n      values used (NaN left out)
 * @param mean   their mean; NaN when n = 0
 * @param sd     sample standard deviation (divisor n − 1); NaN when n &lt; 2
 * @param ciLow  mean − t(0.975, n − 1) · sd / √n; NaN when n &lt; 2
 * @param ciHigh mean + t(0.975, n − 1) · sd / √n; NaN when n &lt; 2
 */
public record SampleSummary(int n, double mean, double sd, double ciLow, double ciHigh) {

    /** Summarises {@code values}, ignoring NaN; throws {@link IllegalArgumentException} on infinities. */
    public static SampleSummary of(double[] values) {
        double[] kept = Arrays.stream(Inputs.finiteOrNaN(values, "values")).filter(v -> !Double.isNaN(v)).toArray();
        int n = kept.length;
        double mean = n == 0 ? Double.NaN : StatUtils.mean(kept);
        double sd = n < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(kept));
        double halfWidth = StudentT.halfWidth95(sd, n);
        return new SampleSummary(n, mean, sd, mean - halfWidth, mean + halfWidth);
    }

    /** Half the interval's width, t(0.975, n − 1) · sd / √n; NaN when there is no interval. */
    public double halfWidth() {
        return (ciHigh - ciLow) / 2;
    }
}
