package dev.bnlab.experiment;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits for, then asserts, the end of every thread doing an experiment's work. */
public final class TrainingThreadsEnded {
    private TrainingThreadsEnded() {
    }

    /** Pooled threads are renamed "bnlab-idle" between jobs, so a live pool does not count. */
    public static boolean anyAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive()
                && (t.getName().startsWith("bnlab-run-") || t.getName().equals("bnlab-experiment")
                || t.getName().equals("bnlab-session")));
    }

    public static void within(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && anyAlive()) {
            Thread.sleep(5);
        }
        assertThat(anyAlive()).as("every training thread has ended").isFalse();
    }
}
