package dev.bnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 *       said {@code --overwrite}. Then the new results are written first (each file replaced atomically), and
 *       only afterwards are the earlier experiment's files that the new one did not write removed.</li>
 *   <li>BN Lab's own files are known from the earlier summary.json (it lists itself, its files and its
 *       runs' models) and from compare.csv's header, never by name alone: a file that merely has the name of
 *       one of BN Lab's is not BN Lab's, and a folder holding one is refused even with --overwrite.</li>
 *   <li>While results are written into a given folder, a marker file ({@code .bnlab-writing}, holding the
 *       process id) keeps a second BN Lab from writing there at the same time.</li>
 * </ul>
 */
public final class OutputFolder {
    static final String MODELS = ModelFiles.DIRECTORY;
    static final String MARKER = ".bnlab-writing";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;
    /** The earlier experiment's files, when the new results replace them (--overwrite); else empty. */
    private final List<String> earlier;
    private final boolean marked;

    private OutputFolder(Path dir, List<String> earlier, boolean marked) {
        this.dir = dir;
        this.earlier = List.copyOf(earlier);
        this.marked = marked;
    }

    /** The folder results go to. */
    public Path dir() {
        return dir;
    }

    /**
     * A folder named by the user: created when missing, proved writable, and refused when it already holds
     * results (unless {@code overwrite}), files named like BN Lab's that BN Lab did not write, or another BN
     * Lab writing there now. Call {@link #release} when done with it.
     */
    public static OutputFolder given(Path dir, boolean overwrite) throws IOException {
        List<String> earlier = check(dir, overwrite);
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new Unwritable(dir, e);
        }
        mark(dir);
        return new OutputFolder(dir, earlier, true);
    }

    /**
     * What {@link #given} refuses, without creating or claiming anything: throws {@link OutputFolderTaken};
     * else returns the earlier results that would be replaced (empty without --overwrite).
     */
    public static List<String> check(Path dir, boolean overwrite) throws IOException {
        List<String> earlier = List.of();
        if (Files.isDirectory(dir)) {
            List<String> ours = resultFiles(dir);
            List<String> foreign = foreignFiles(dir, ours);
            if (!foreign.isEmpty()) {
                throw new OutputFolderTaken(dir.toAbsolutePath() + " holds files with the names of BN Lab's results"
                        + " that BN Lab did not write (" + list(foreign) + "); BN Lab never replaces them, even with"
                        + " --overwrite");
            }
            earlier = ours;
            if (!earlier.isEmpty() && !overwrite) {
                throw new OutputFolderTaken(dir.toAbsolutePath() + " already holds the results of an earlier"
                        + " experiment (" + list(earlier) + "); BN Lab never replaces results unless asked to");
            }
        }
        return earlier;
    }

    /** Claims the marker: one BN Lab at a time writes into a folder; a marker left by a dead process is taken over. */
    private static void mark(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        String pid = Long.toString(ProcessHandle.current().pid());
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(marker, pid, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return;
            } catch (FileAlreadyExistsException held) {
                String holder = "";
                try {
                    holder = Files.readString(marker).trim();
                    long other = Long.parseLong(holder);
                    if (other != ProcessHandle.current().pid() && ProcessHandle.of(other).map(ProcessHandle::isAlive)
                            .orElse(false)) {
                        throw new OutputFolderTaken("another BN Lab (process " + other + ") is writing results to "
                                + dir.toAbsolutePath() + " now");
                    }
                } catch (NumberFormatException | java.nio.file.NoSuchFileException gone) {
                    // half-written or just removed: take it over
                }
                Files.deleteIfExists(marker); // its process has ended without removing it
            }
        }
        throw new OutputFolderTaken("another BN Lab is writing results to " + dir.toAbsolutePath() + " now");
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
                return new OutputFolder(candidate, List.of(), false);
            } catch (FileAlreadyExistsException taken) {
                if (n >= 10_000) {
                    throw new Unwritable(base, taken);
                }
            } catch (IOException e) {
                throw new Unwritable(candidate, e);
            }
        }
    }

    /** Removes the folder if nothing was written into it (the experiment ended before it had results). */
    public void deleteIfEmpty() {
        release();
        try (Stream<Path> left = Files.list(dir)) {
            if (left.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException ignored) {
            // it stays: an empty folder harms nothing
        }
    }

    /**
     * Call once the new results are written: with --overwrite, removes the earlier experiment's files that the
     * new results did not replace (a sweep's files after a run without one, models of runs no longer there), so
     * nothing stale of it is mistaken for the new one's. Other files are never touched.
     */
    public void removeLeftovers() throws IOException {
        if (earlier.isEmpty()) {
            return;
        }
        List<String> now = resultFiles(dir);
        for (String name : earlier) {
            if (!now.contains(name)) {
                Files.deleteIfExists(dir.resolve(name));
            }
        }
        Path models = dir.resolve(MODELS);
        if (Files.isDirectory(models)) {
            try (Stream<Path> left = Files.list(models)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(models);
                }
            }
        }
    }

    /** Lets another BN Lab write here again (removes the marker). */
    public void release() {
        if (marked) {
            try {
                Files.deleteIfExists(dir.resolve(MARKER));
            } catch (IOException ignored) {
                // a marker whose process has ended is taken over by the next writer
            }
        }
    }

    /**
     * BN Lab's result files in {@code dir} (names relative to it): summary.json with every file it lists, when it
     * is BN Lab's, and a comparison's files when compare.csv has BN Lab's header. Empty when none.
     */
    public static List<String> resultFiles(Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        Path summary = dir.resolve(ResultsWriter.SUMMARY);
        JsonNode root = bnLabSummary(summary);
        if (root != null) {
            found.add(ResultsWriter.SUMMARY);
            if (root.has("schema_version")) {
                root.path("files").forEach(f -> addIfInside(found, dir, f.asText()));
                root.path("runs").forEach(r -> addIfInside(found, dir, r.path("model").path("file").asText("")));
            } else { // schema 1: no list of files, these four were all it wrote
                for (String name : ResultsWriter.FILES) {
                    addIfInside(found, dir, name);
                }
            }
        }
        if (isBnLabComparison(dir.resolve(ExperimentsCompared.CSV))) {
            for (String name : ExperimentsCompared.FILES) {
                addIfInside(found, dir, name);
            }
        }
        return found;
    }

    /** Files in {@code dir} with the names of BN Lab's results that are not among {@code ours} (BN Lab's there). */
    static List<String> foreignFiles(Path dir, List<String> ours) {
        List<String> foreign = new ArrayList<>();
        for (String name : knownFiles()) {
            if (Files.exists(dir.resolve(name)) && !ours.contains(name)) {
                foreign.add(name);
            }
        }
        return foreign;
    }

    /**
     * Whether writing results into {@code dir} would replace something: results of an earlier experiment, or
     * files with their names.
     */
    public static boolean holdsResults(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                return false;
            }
            List<String> ours = resultFiles(dir);
            return !ours.isEmpty() || !foreignFiles(dir, ours).isEmpty();
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static JsonNode bnLabSummary(Path summary) {
        if (!Files.isRegularFile(summary)) {
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(summary.toFile());
            boolean current = root != null && root.has("schema_version") && root.path("environment").has("bnlab");
            boolean version1 = root != null && root.has("config") && root.has("runs");
            return current || version1 ? root : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static boolean isBnLabComparison(Path csv) {
        if (!Files.isRegularFile(csv)) {
            return false;
        }
        try (java.io.BufferedReader reader = Files.newBufferedReader(csv)) {
            String header = reader.readLine();
            return header != null && header.equals(String.join(",", ExperimentsCompared.HEADER));
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** Adds {@code name} when it is a file inside {@code dir} (a listed name never reaches outside it). */
    private static void addIfInside(List<String> found, Path dir, String name) {
        if (name.isEmpty() || found.contains(name)) {
            return;
        }
        Path file = dir.resolve(name).normalize();
        if (file.startsWith(dir.normalize()) && !file.equals(dir.normalize()) && Files.isRegularFile(file)) {
            found.add(name);
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

    private static String list(List<String> files) {
        return String.join(", ", files.size() > 4 ? files.subList(0, 4) : files) + (files.size() > 4 ? ", …" : "");
    }

    /** A folder for results that cannot be created or written: "cannot write results to /abs/dir (why)". */
    public static final class Unwritable extends dev.bnlab.DescribedIOException {
        Unwritable(Path dir, IOException cause) {
            super("cannot write results to " + dir.toAbsolutePath() + " (" + dev.bnlab.IoErrors.describe(cause) + ")",
                    cause);
        }
    }

    /** What the command line adds to {@link OutputFolderTaken}'s message. */
    public static final String COMMAND_LINE_HINT = "Choose another folder with --output DIR, leave --output out for a"
            + " new runs/<date-time> folder, or add --overwrite to replace earlier results.";

    /** A folder given for results holds what BN Lab must not replace, or another BN Lab is writing there. */
    public static final class OutputFolderTaken extends dev.bnlab.DescribedIOException {
        OutputFolderTaken(String message) {
            super(message);
        }
    }
}
