package dev.bnlab.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where an experiment's results go, with BN Lab's one rule: <b>nothing written earlier is ever destroyed</b>.
 * <ul>
 *   <li>A default folder ({@code runs/<date-time>}) is claimed by creating it, which succeeds for one caller
 *       only; if it exists (two experiments in the same second, or two processes at once), the next free name
 *       {@code <date-time>-2}, {@code -3}, … is taken.</li>
 *   <li>A folder given with {@code --output} that already holds BN Lab results is refused, unless the user
 *       said {@code --overwrite}; then BN Lab's own files there are removed just before the new ones are
 *       written (other files in the folder are never touched).</li>
 * </ul>
 */
public final class OutputFolder {
    static final String MODELS = "models";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private final boolean replace;

    private OutputFolder(Path dir, boolean replace) {
        this.dir = dir;
        this.replace = replace;
    }

    /** The folder results go to. */
    public Path dir() {
        return dir;
    }

    /**
     * A folder named by the user: created when missing, proved writable, and refused when it already holds
     * results, unless {@code overwrite}.
     */
    public static OutputFolder given(Path dir, boolean overwrite) throws IOException {
        List<String> earlier = Files.isDirectory(dir) ? resultFiles(dir) : List.of();
        if (!earlier.isEmpty() && !overwrite) {
            throw new OutputFolderTaken(dir, earlier);
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new Unwritable(dir, e);
        }
        return new OutputFolder(dir, !earlier.isEmpty());
    }

    /** A new folder under {@code parent} named by the time now: {@code runs/20261128-091504}. */
    public static OutputFolder newUnder(Path parent) throws IOException {
        return newUnder(parent, "");
    }

    /** The same, the name starting with {@code prefix}: {@code runs/compare-20261128-091504}. */
    public static OutputFolder newUnder(Path parent, String prefix) throws IOException {
        // -Dbnlab.outputStamp fixes the name, so a test can make two processes want the same folder
        String stamp = System.getProperty("bnlab.outputStamp", LocalDateTime.now().format(STAMP));
        return claimNew(parent.resolve(prefix + stamp));
    }

    /** Removes the folder if nothing was written into it (the experiment ended before it had results). */
    public void deleteIfEmpty() {
        try (Stream<Path> left = Files.list(dir)) {
            if (left.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException ignored) {
            // it stays: an empty folder harms nothing
        }
    }

    /**
     * Creates {@code base}, or the first of {@code base-2}, {@code base-3}, … that does not exist yet. Creating
     * a folder is atomic, so two callers, in one process or two, never get the same folder.
     */
    public static OutputFolder claimNew(Path base) throws IOException {
        Path parent = base.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new Unwritable(base, e);
        }
        for (int n = 1; ; n++) {
            Path candidate = n == 1 ? base : base.resolveSibling(base.getFileName() + "-" + n);
            try {
                Files.createDirectory(candidate);
                return new OutputFolder(candidate, false);
            } catch (FileAlreadyExistsException taken) {
                if (n >= 10_000) {
                    throw new Unwritable(base, taken);
                }
            } catch (IOException e) {
                throw new Unwritable(candidate, e);
            }
        }
    }

    /**
     * Call just before writing: with {@code --overwrite} on a folder that held results, removes BN Lab's own
     * files there (the earlier experiment's), so no stale file from it is mistaken for the new one's.
     */
    public void clearEarlierResults() throws IOException {
        if (!replace) {
            return;
        }
        for (String name : knownFiles()) {
            Files.deleteIfExists(dir.resolve(name));
        }
        Path models = dir.resolve(MODELS);
        if (Files.isDirectory(models)) {
            try (DirectoryStream<Path> zips = Files.newDirectoryStream(models, "*.zip")) {
                for (Path zip : zips) {
                    Files.delete(zip);
                }
            }
            try (Stream<Path> left = Files.list(models)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(models);
                }
            }
        }
    }

    /** The BN Lab result files in {@code dir} (names relative to it), in a stable order; empty when none. */
    public static List<String> resultFiles(Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        for (String name : knownFiles()) {
            if (Files.exists(dir.resolve(name))) {
                found.add(name);
            }
        }
        Path models = dir.resolve(MODELS);
        if (Files.isDirectory(models)) {
            try (DirectoryStream<Path> zips = Files.newDirectoryStream(models, "*.zip")) {
                for (Path zip : zips) {
                    found.add(MODELS + "/" + zip.getFileName());
                }
            }
        }
        return found;
    }

    /** Whether {@code dir} holds results of an earlier experiment. */
    public static boolean holdsResults(Path dir) {
        try {
            return Files.isDirectory(dir) && !resultFiles(dir).isEmpty();
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static List<String> knownFiles() {
        List<String> names = new ArrayList<>(ResultsWriter.FILES);
        names.addAll(ProbeFiles.FILES);
        names.add(SweepCsv.FILE);
        names.add(ResultsWriter.SWEEP_PNG);
        names.addAll(ExperimentsCompared.FILES);
        return names;
    }

    /** A folder for results that cannot be created or written: "cannot write results to /abs/dir (why)". */
    public static final class Unwritable extends IOException {
        Unwritable(Path dir, IOException cause) {
            super("cannot write results to " + dir.toAbsolutePath() + " (" + dev.bnlab.IoErrors.describe(cause) + ")",
                    cause);
        }
    }

    /** What the command line adds to {@link OutputFolderTaken}'s message. */
    public static final String COMMAND_LINE_HINT = "Choose another folder with --output DIR, leave --output out for a"
            + " new runs/<date-time> folder, or add --overwrite to replace them.";

    /** A folder given for results already holds an earlier experiment's, and the user did not say --overwrite. */
    public static final class OutputFolderTaken extends IOException {
        private final transient Path dir;

        OutputFolderTaken(Path dir, List<String> files) {
            super(dir.toAbsolutePath() + " already holds the results of an earlier experiment ("
                    + String.join(", ", files.size() > 4 ? files.subList(0, 4) : files)
                    + (files.size() > 4 ? ", …" : "") + "); BN Lab never replaces results unless asked to");
            this.dir = dir;
        }

        public Path dir() {
            return dir;
        }
    }
}
