package dev.bnlab.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A child process for {@link AtomicWriteCrashTest}: starts an atomic write, says so, then stalls mid-file. */
public final class SlowAtomicWriter {
    private SlowAtomicWriter() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFiles.write(Path.of(args[0]), out -> {
            out.write("{\"status\": \"fini".getBytes(StandardCharsets.UTF_8)); // half a summary
            out.flush();
            System.out.println("half written");
            System.out.flush();
            try {
                Thread.sleep(60_000); // killed here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("shed\"}".getBytes(StandardCharsets.UTF_8));
        });
    }
}
