package dev.bnlab.spec;

/** One network design of an experiment: a name shown everywhere, and where it puts Batch Normalization. */
public record Variant(String name, BnPlacement batchNorm) {

    public Variant {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a variant needs a name");
        }
        if (batchNorm == null) {
            throw new IllegalArgumentException("a variant needs a BN placement");
        }
        name = name.strip();
    }

    /** The variant with this placement's default name, e.g. "BN after activation". */
    public static Variant of(BnPlacement placement) {
        return new Variant(placement.defaultName(), placement);
    }
}
