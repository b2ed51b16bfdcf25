package dev.bnlab.data;

/**
 * The four genuine raw MNIST IDX files, as DL4J's {@code MnistDataSetIterator} expects them
 * (uncompressed, directly in the data folder), with the size and SHA-256 of the original files.
 */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", 47_040_016L,
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", IdxKind.IMAGES, 60_000),
    TRAIN_LABELS("train-labels-idx1-ubyte", 60_008L,
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", IdxKind.LABELS, 60_000),
    TEST_IMAGES("t10k-images-idx3-ubyte", 7_840_016L,
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", IdxKind.IMAGES, 10_000),
    TEST_LABELS("t10k-labels-idx1-ubyte", 10_008L,
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", IdxKind.LABELS, 10_000);

    private final String fileName;
    private final long bytes;
    private final String sha256;
    private final IdxKind kind;
    private final int count;

    MnistFile(String fileName, long bytes, String sha256, IdxKind kind, int count) {
        this.fileName = fileName;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.kind = kind;
        this.count = count;
    }

    public String fileName() {
        return fileName;
    }

    /** What a genuine copy of this file must look like. */
    public ExpectedFile expected() {
        return new ExpectedFile(fileName, bytes, sha256, kind, count);
    }
}
