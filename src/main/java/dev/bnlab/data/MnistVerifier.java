package dev.bnlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks data files before anything trains on them: present, a regular file, the right IDX kind and
 * item count, the exact size, and the exact SHA-256. DL4J itself only checks the magic number, so a
 * truncated file would otherwise train silently on zeros.
 */
public final class MnistVerifier {
    private final List<ExpectedFile> expected;

    public MnistVerifier(List<ExpectedFile> expected) {
        this.expected = List.copyOf(expected);
    }

    /** The verifier for the four genuine MNIST files. */
    public static MnistVerifier genuine() {
        return new MnistVerifier(Arrays.stream(MnistFile.values()).map(MnistFile::expected).toList());
    }

    public List<ExpectedFile> expected() {
        return expected;
    }

    /** The expected files that are not present at all in {@code dir}. */
    public List<ExpectedFile> missing(Path dir) {
        return expected.stream().filter(f -> !Files.exists(dir.resolve(f.fileName()))).toList();
    }

    /** Verifies every expected file in {@code dir}; one exception lists every problem, each naming its file. */
    public List<VerifiedFile> verifyAll(Path dir) throws MnistDataException {
        List<VerifiedFile> ok = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ExpectedFile f : expected) {
            Path file = dir.resolve(f.fileName());
            if (!Files.exists(file)) {
                problems.add(f.fileName() + ": missing");
                continue;
            }
            try {
                ok.add(verify(file, f));
            } catch (MnistDataException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new MnistDataException("MNIST data in " + dir.toAbsolutePath() + " is not usable:\n  - "
                    + String.join("\n  - ", problems));
        }
        return ok;
    }

    /** Verifies one file against what it must be; the exception message starts with the file's name. */
    public static VerifiedFile verify(Path file, ExpectedFile f) throws MnistDataException {
        String name = f.fileName();
        if (!Files.isRegularFile(file)) {
            throw new MnistDataException(name + ": is not a regular file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new MnistDataException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
        IdxHeader header = IdxHeader.read(file);
        if (header.typeCode() != IdxHeader.UNSIGNED_BYTE) {
            throw new MnistDataException(name + ": IDX data type 0x" + Integer.toHexString(header.typeCode())
                    + ", expected unsigned bytes (0x08)");
        }
        if (header.dimensions().length != f.kind().dimensions()) {
            String holds = header.dimensions().length == 3 ? "images" : header.dimensions().length == 1 ? "labels"
                    : header.dimensions().length + "-dimensional data";
            throw new MnistDataException(name + ": holds " + holds + " but " + f.kind().name().toLowerCase()
                    + " belong here (magic 0x" + String.format("%08x", header.magic()) + ", expected 0x"
                    + String.format("%08x", f.kind().magic()) + ")");
        }
        if (header.count() != f.count()) {
            throw new MnistDataException(name + ": holds " + header.count() + " items, expected " + f.count());
        }
        if (f.kind() == IdxKind.IMAGES && (header.dimensions()[1] != 28 || header.dimensions()[2] != 28)) {
            throw new MnistDataException(name + ": images are " + header.dimensions()[1] + "x"
                    + header.dimensions()[2] + ", expected 28x28");
        }
        if (size < header.expectedFileSize()) {
            throw new MnistDataException(name + ": truncated: " + size + " of " + header.expectedFileSize()
                    + " bytes (an interrupted download?) - delete it and run again to fetch a fresh copy");
        }
        if (size != f.bytes()) {
            throw new MnistDataException(name + ": " + size + " bytes, expected " + f.bytes());
        }
        String sha;
        try {
            sha = Sha256.of(file);
        } catch (IOException e) {
            throw new MnistDataException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (!sha.equalsIgnoreCase(f.sha256())) {
            throw new MnistDataException(name + ": content differs from the genuine file (SHA-256 " + sha
                    + ", expected " + f.sha256() + ") - delete it and run again to fetch a fresh copy");
        }
        return new VerifiedFile(name, size, sha);
    }
}
