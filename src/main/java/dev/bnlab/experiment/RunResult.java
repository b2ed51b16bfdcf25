package dev.bnlab.experiment;

/**
 * How one run ended. {@code testAccuracy} is NaN when the run was not evaluated; {@code finalScore} is the
 * mean loss of its last 100 iterations (the notebook's last printed line).
 */
public record RunResult(String name, boolean batchNorm, RunStatus status, double testAccuracy, int testExamples,
                        double finalScore, double trainingSeconds, int iterations, String message) {

    public boolean evaluated() {
        return !Double.isNaN(testAccuracy);
    }
}
