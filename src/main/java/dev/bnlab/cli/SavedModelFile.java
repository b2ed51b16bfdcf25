package dev.bnlab.cli;

import dev.bnlab.IoErrors;
import dev.bnlab.data.MnistData;
import dev.bnlab.data.MnistNormalizer;
import dev.bnlab.data.Sha256;
import dev.bnlab.experiment.TestEvaluator;
import dev.bnlab.spec.Hyperparameters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model file read back with DL4J's {@link ModelSerializer}, as any DL4J program would: the network (with its
 * optimizer state) and the input scaling saved with it. BN Lab's models carry it as {@code normalizer.bin}; a model
 * without one is fed the images scaled as BN Lab trains ({@link MnistNormalizer}).
 */
public final class SavedModelFile {
    /** Why a file cannot be evaluated, in words for the user. */
    public static final class InvalidModelException extends Exception {
        InvalidModelException(String message) {
            super(message);
        }
    }

    private final Path file;
    private final MultiLayerNetwork network;
    private final DataSetPreProcessor normalizer;
    private final long bytes;
    private final String sha256;

    private SavedModelFile(Path file, MultiLayerNetwork network, DataSetPreProcessor normalizer, long bytes,
                           String sha256) {
        this.file = file;
        this.network = network;
        this.normalizer = normalizer;
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    /** Reads a model; refuses a missing or unreadable file, anything not a DL4J model, and a non-MNIST network. */
    public static SavedModelFile read(Path file) throws InvalidModelException {
        if (!Files.exists(file)) {
            throw new InvalidModelException("no model file " + file.toAbsolutePath());
        }
        if (Files.isDirectory(file)) {
            throw new InvalidModelException(file.toAbsolutePath() + " is a folder, not a model file"
                    + " (the models of an experiment are the .zip files in its models/ folder)");
        }
        long bytes;
        String sha256;
        try {
            bytes = Files.size(file);
            sha256 = Sha256.of(file);
        } catch (IOException e) {
            throw new InvalidModelException("cannot read " + file.toAbsolutePath() + " (" + IoErrors.describe(e) + ")");
        }
        Pair<MultiLayerNetwork, Normalizer> restored;
        try {
            restored = ModelSerializer.restoreMultiLayerNetworkAndNormalizer(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IllegalStateException && String.valueOf(e.getMessage()).startsWith("Model wasnt found")
                    ? "it holds no " + ModelSerializer.CONFIGURATION_JSON + " and " + ModelSerializer.COEFFICIENTS_BIN
                    : rootMessage(e);
            throw new InvalidModelException(file.toAbsolutePath() + " is not a network saved with DL4J's"
                    + " ModelSerializer (" + why + ")");
        }
        MultiLayerNetwork network = restored.getFirst();
        long inputs = network.layerInputSize(0);
        long outputs = network.layerSize(network.getnLayers() - 1);
        if (inputs != Hyperparameters.INPUTS || outputs != Hyperparameters.CLASSES) {
            throw new InvalidModelException(file.toAbsolutePath() + " is a DL4J network, but not an MNIST classifier:"
                    + " it takes " + inputs + " inputs and gives " + outputs + " outputs (MNIST: "
                    + Hyperparameters.INPUTS + " pixels, " + Hyperparameters.CLASSES + " classes)");
        }
        Normalizer<?> saved = restored.getSecond();
        if (saved != null && !(saved instanceof DataSetPreProcessor)) {
            throw new InvalidModelException(file.toAbsolutePath() + " holds a normalizer for other data ("
                    + saved.getClass().getSimpleName() + ")");
        }
        return new SavedModelFile(file, network, (DataSetPreProcessor) saved, bytes, sha256);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message.strip();
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /** The normalizer saved with the model, or null. */
    public DataSetPreProcessor normalizer() {
        return normalizer;
    }

    public long bytes() {
        return bytes;
    }

    public String sha256() {
        return sha256;
    }

    /** Accuracy on the first {@code examples} MNIST test images, scaled as the model says (BN in inference mode). */
    public double testAccuracy(MnistData data, int examples) throws IOException {
        return TestEvaluator.accuracy(network, data, examples, normalizer != null ? normalizer : new MnistNormalizer());
    }

    /** How the inputs are scaled, in words. */
    public String inputs() {
        return normalizer != null
                ? "the file's normalizer.bin (DL4J's " + normalizer.getClass().getSimpleName() + ")"
                : "no normalizer in the file: scaled as BN Lab trains, " + MnistNormalizer.DESCRIPTION;
    }

    public Path file() {
        return file;
    }
}
