package dev.bnlab.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes small, real IDX files for tests, and describes them as {@link ExpectedFile}s. */
public final class IdxFiles {
    private IdxFiles() {
    }

    public static byte[] images(int count, int rows, int cols, long seed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        byte[] pixels = new byte[count * rows * cols];
        new Random(seed).nextBytes(pixels);
        out.write(pixels);
        return bytes.toByteArray();
    }

    public static byte[] labels(int count, long seed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(count);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            out.writeByte(random.nextInt(10));
        }
        return bytes.toByteArray();
    }

    public static ExpectedFile write(Path dir, String name, byte[] content, IdxKind kind, int count) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return new ExpectedFile(name, content.length, Sha256.of(file), kind, count);
    }
}
