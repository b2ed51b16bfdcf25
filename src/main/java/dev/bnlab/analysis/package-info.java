/**
 * The statistics behind the verdict over seeds: test accuracies of two networks trained on the same seeds,
 * compared pair by pair, and the words that may follow the numbers.
 *
 * <p>Plain Java and Commons Math 3.6.1 only (no DL4J, no JavaFX), so it can be tested against
 * independently computed reference numbers. Inputs are accuracies per seed, fractions in [0, 1];
 * {@code NaN} marks a run without an accuracy (diverged, stopped or failed).
 *
 * <p>The project's rules: five seeds or more for an interval, ten for a claim; one seed gives no verdict;
 * a 95 % interval that contains 0 is "not significant at the 5 % level".
 */
package dev.bnlab.analysis;
