package dev.bnlab.experiment;

import dev.bnlab.spec.RunSpec;

/**
 * How one run ended. {@code testAccuracy} is NaN when the run was not evaluated; {@code finalScore} is the
 * mean loss of its last 100 iterations (the notebook's last printed line); {@code trainingSeconds} includes
 * {@code probeSeconds}, the time spent measuring inside the network.
 */
public record RunResult(RunSpec run, RunStatus status, double testAccuracy, int testExamples, double finalScore,
                        double trainingSeconds, double probeSeconds, int iterations, String message) {

    public boolean evaluated() {
        return !Double.isNaN(testAccuracy);
    }

    /** "BN after activation", or "BN after activation · seed 124" when the experiment has several seeds. */
    public String name() {
        return run.label();
    }

    public String variant() {
        return run.variant().name();
    }

    public long seed() {
        return run.seed();
    }
}
