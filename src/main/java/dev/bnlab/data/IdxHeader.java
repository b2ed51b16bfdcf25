package dev.bnlab.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The header of an IDX file (the format of the raw MNIST files): two zero bytes, a type code
 * (0x08 = unsigned byte), the number of dimensions, then each dimension as a big-endian int.
 */
public record IdxHeader(int typeCode, int[] dimensions) {

    public static final int UNSIGNED_BYTE = 0x08;

    /** Reads and checks the header of {@code file}; any problem is an {@link MnistDataException} naming the file. */
    public static IdxHeader read(Path file) throws MnistDataException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.getFileName().toString());
        } catch (IOException e) {
            throw new MnistDataException(file.getFileName() + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static IdxHeader parse(InputStream raw, String name) throws IOException, MnistDataException {
        DataInputStream in = new DataInputStream(raw);
        byte[] start = new byte[4];
        try {
            in.readFully(start);
        } catch (EOFException e) {
            throw new MnistDataException(name + ": too short to be an IDX file (fewer than 4 bytes)");
        }
        if ((start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b) {
            throw new MnistDataException(name + ": is gzip-compressed; BN Lab needs the uncompressed IDX file"
                    + " (run: gunzip -c " + name + ".gz > " + name + ")");
        }
        if (start[0] != 0 || start[1] != 0) {
            throw new MnistDataException(name + ": not an IDX file (it does not start with two zero bytes)");
        }
        int type = start[2] & 0xff;
        int dims = start[3] & 0xff;
        if (dims < 1 || dims > 4) {
            throw new MnistDataException(name + ": not an IDX file (" + dims + " dimensions)");
        }
        int[] sizes = new int[dims];
        try {
            for (int i = 0; i < dims; i++) {
                sizes[i] = in.readInt();
                if (sizes[i] < 0) {
                    throw new MnistDataException(name + ": not an IDX file (negative dimension " + sizes[i] + ")");
                }
            }
        } catch (EOFException e) {
            throw new MnistDataException(name + ": truncated inside its IDX header");
        }
        return new IdxHeader(type, sizes);
    }

    public int magic() {
        return (typeCode << 8) | dimensions.length;
    }

    /** Bytes the whole file must have: header plus one byte per element (unsigned-byte data). */
    public long expectedFileSize() {
        long elements = 1;
        for (int d : dimensions) {
            elements *= d;
        }
        return 4L + 4L * dimensions.length + elements;
    }

    public int count() {
        return dimensions[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxHeader h && h.typeCode == typeCode && Arrays.equals(h.dimensions, dimensions);
    }

    @Override
    public int hashCode() {
        return 31 * typeCode + Arrays.hashCode(dimensions);
    }

    @Override
    public String toString() {
        return "IdxHeader[type=0x" + Integer.toHexString(typeCode) + ", dims=" + Arrays.toString(dimensions) + "]";
    }
}
