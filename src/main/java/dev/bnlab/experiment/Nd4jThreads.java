package dev.bnlab.experiment;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many native threads ND4J's math may use. Each run trains on its own Java thread; with the two
 * runs side by side on two cores, one native thread per run is fastest: more makes ND4J's OpenMP pool and
 * OpenBLAS's pool busy-wait against each other (docs/performance.md). The system property
 * {@code bnlab.nativeThreads} overrides the count, for benchmarks.
 */
public final class Nd4jThreads {
    private Nd4jThreads() {
    }

    public static int perRun() {
        return Integer.getInteger("bnlab.nativeThreads", 1);
    }

    /** Process-wide limits: OpenBLAS's thread count and libnd4j's own pool. */
    public static void limitProcess(int threads) {
        Nd4j.factory().blas().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    /** OpenMP's thread count is per calling thread: each training thread sets its own. */
    public static void limitCurrentThread(int threads) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }
}
