package dev.bnlab.report;

import dev.bnlab.data.MnistData;
import dev.bnlab.data.RealMnist;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.ExperimentRunner;
import dev.bnlab.experiment.TestSpecs;
import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Variant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One real experiment for the saved-model tests, trained once per test JVM: the three BN placements on 1,000
 * training images for one epoch, evaluated on the first 500 test images, its results (models included) written
 * with {@link ResultsWriter} into a temporary folder, removed when the JVM exits.
 */
public record TrainedSlice(ExperimentRunner runner, ExperimentResult result, MnistData data, Path dir) {
    public static final int TEST_EXAMPLES = 500;
    private static TrainedSlice trained;

    public static synchronized TrainedSlice get() throws Exception {
        if (trained == null) {
            MnistData data = RealMnist.data();
            ExperimentSpec spec = TestSpecs.slice(1_000, TEST_EXAMPLES, 1).withVariants(List.of(
                    Variant.of(BnPlacement.NONE), Variant.of(BnPlacement.AFTER), Variant.of(BnPlacement.BEFORE)));
            ExperimentRunner runner = new ExperimentRunner(spec, data);
            ExperimentResult result = runner.run();
            Path dir = Files.createTempDirectory("bnlab-trained-slice");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            ResultsWriter.writeAll(dir, result, data, TrainedNetworks.of(runner));
            trained = new TrainedSlice(runner, result, data, dir);
        }
        return trained;
    }

    public Path model(int run) {
        return dir.resolve(ModelFiles.DIRECTORY).resolve(ModelFileNames.of(result.spec()).get(run));
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
