package dev.bnlab.experiment;

import java.util.List;

/** One network of the experiment: a display name and whether it has Batch Normalization after each hidden activation. */
public record RunSpec(String name, boolean batchNorm) {

    /** The notebook's pair: the plain network first, then the one with Batch Normalization. */
    public static List<RunSpec> notebookPair() {
        return List.of(new RunSpec("without BN", false), new RunSpec("with BN", true));
    }
}
