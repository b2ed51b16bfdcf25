package dev.bnlab.data;

/** The two shapes of IDX file in MNIST: a stack of 28x28 images, or a vector of labels. */
public enum IdxKind {
    /** magic 0x00000803: unsigned bytes, 3 dimensions (count, rows, columns). */
    IMAGES(3),
    /** magic 0x00000801: unsigned bytes, 1 dimension (count). */
    LABELS(1);

    private final int dimensions;

    IdxKind(int dimensions) {
        this.dimensions = dimensions;
    }

    public int dimensions() {
        return dimensions;
    }

    public int magic() {
        return 0x0800 | dimensions;
    }
}
