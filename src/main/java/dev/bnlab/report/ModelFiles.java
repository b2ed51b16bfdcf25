package dev.bnlab.report;

import dev.bnlab.data.MnistNormalizer;
import dev.bnlab.data.Sha256;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.network.PortableNetwork;
import dev.bnlab.spec.RunSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The {@code models/} folder of a results folder: one DL4J {@link ModelSerializer} zip per finished run (named by
 * {@link ModelFileNames}), with DL4J's own layer classes ({@link PortableNetwork}), the trained parameters, the
 * optimizer's state, and the input scaling as DL4J's {@code NormalizerMinMaxScaler}
 * ({@link MnistNormalizer#dl4jEquivalent()}), so a plain DL4J program loads and evaluates it. Runs that stopped,
 * diverged or failed are not saved: their networks are not the trained result the experiment reports. Each file is
 * written atomically.
 */
public final class ModelFiles {
    public static final String DIRECTORY = "models";

    private ModelFiles() {
    }

    /** Whether run {@code r} gets a model file: it trained every epoch and was evaluated. */
    public static boolean saves(RunResult r) {
        return r.status() == RunStatus.FINISHED && r.evaluated();
    }

    /** Writes the model of every run that {@link #saves} and has a network; returns them by run index. */
    public static Map<Integer, SavedModel> writeAll(Path resultsDir, ExperimentResult result, TrainedNetworks networks)
            throws IOException {
        List<String> names = ModelFileNames.of(result.spec());
        Map<Integer, SavedModel> saved = new LinkedHashMap<>();
        for (RunResult r : result.runs()) {
            int index = r.run().index();
            MultiLayerNetwork network = saves(r) ? networks.network(index) : null;
            if (network != null) {
                saved.put(index, write(resultsDir, DIRECTORY + "/" + names.get(index), r.run(), network,
                        result.startedAt()));
            }
        }
        return saved;
    }

    /** Writes one run's trained network to {@code resultsDir/relative}, its zip entries dated {@code dated}. */
    static SavedModel write(Path resultsDir, String relative, RunSpec run, MultiLayerNetwork trained, Instant dated)
            throws IOException {
        MultiLayerNetwork portable;
        synchronized (trained) { // as ExperimentRunner.evaluateNow: one user of a network at a time
            portable = PortableNetwork.copyOf(trained, run.hyperparameters(), run.variant().batchNorm(),
                    run.hyperparameters().epochs());
        }
        Path file = resultsDir.resolve(relative);
        try {
            AtomicFiles.write(file, out -> write(portable, out, dated));
        } finally {
            release(portable);
        }
        return new SavedModel(relative, Sha256.of(file), Files.size(file));
    }

    /**
     * Frees the copy's native arrays at once (parameters, gradients, optimizer state: 3 × 2 MB for the notebook's
     * network) instead of at some later full garbage collection; DL4J's own {@code close()} also forces one.
     */
    private static void release(MultiLayerNetwork network) {
        var updater = network.getUpdater(false);
        for (INDArray a : new INDArray[]{network.params(), network.getGradientsViewArray(),
                updater == null ? null : updater.getStateViewArray()}) {
            if (a != null && !a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
    }

    /**
     * ModelSerializer's zip, plus {@code normalizer.bin} as {@link ModelSerializer#addNormalizerToModel} writes it.
     * (DL4J 1.0.0-M2.1's {@code writeModel(…, normalizer)} cannot do it: its min-max normalizer closes the zip
     * before writeModel flushes it, which throws.) Every entry is dated {@code dated} (the experiment's start),
     * not the moment of writing, so a network saved again, e.g. by a second export, is the same bytes.
     */
    static void write(MultiLayerNetwork network, OutputStream out, Instant dated) throws IOException {
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, model, true);
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED); // ModelSerializer compressed once already: the sizes stay within 1 %
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(model.toByteArray()))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                zip.putNextEntry(dated(entry.getName(), dated));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        zip.putNextEntry(dated(ModelSerializer.NORMALIZER_BIN, dated));
        NormalizerSerializer.getDefault().write(MnistNormalizer.dl4jEquivalent(), new UnclosedStream(zip));
        zip.closeEntry();
        zip.finish(); // the caller closes out
    }

    private static ZipEntry dated(String name, Instant time) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(time.toEpochMilli());
        return entry;
    }

    /** Passes writes on; {@code close} only flushes, so a serializer that closes its stream leaves the zip open. */
    private static final class UnclosedStream extends FilterOutputStream {
        UnclosedStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
