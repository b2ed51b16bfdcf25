package dev.bnlab.report;

import dev.bnlab.experiment.RunResult;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plaindl4j.PlainDl4jEvaluation;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A saved model in a fresh JVM that has DL4J's jars and none of BN Lab's classes: {@link PlainDl4jEvaluation}, a
 * plain DL4J program, loads it with ModelSerializer and its normalizer and gets the accuracy the run reported.
 */
class ModelInPlainDl4jTest {
    private static TrainedSlice slice;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws Exception {
        slice = TrainedSlice.get();
    }

    record Outcome(int exitCode, String console) {
    }

    @Test
    void everySavedModelReproducesItsAccuracyInAPlainDl4jJvm() throws Exception {
        List<String> models = new ArrayList<>();
        for (int i = 0; i < slice.result().runs().size(); i++) {
            models.add(slice.model(i).toString());
        }

        Outcome outcome = runPlainDl4j(models);

        assertThat(outcome.exitCode()).as(outcome.console()).isZero();
        assertThat(outcome.console()).contains("no BN Lab classes on the class path");
        for (int i = 0; i < models.size(); i++) {
            RunResult run = slice.result().runs().get(i);
            String line = outcome.console().lines()
                    .filter(l -> l.startsWith("accuracy " + slice.model(run.run().index()).getFileName() + " "))
                    .findFirst().orElseThrow(() -> new AssertionError(outcome.console()));
            double accuracy = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            assertThat(accuracy).as(run.name()).isEqualTo(run.testAccuracy());
        }
    }

    /** The same JVM fails on a model saved the naive way, naming BN Lab's training layers: the test can fail. */
    @Test
    void aModelThatNamesBnLabsLayersDoesNotLoadThere() throws Exception {
        Path naive = dir.resolve("naive.zip");
        ModelSerializer.writeModel(slice.runner().network(1), naive.toFile(), true);

        Outcome outcome = runPlainDl4j(List.of(naive.toString()));

        assertThat(outcome.exitCode()).as(outcome.console()).isNotZero();
        assertThat(outcome.console()).contains("no BN Lab classes on the class path").contains("dev.bnlab.network.Lean")
                .doesNotContain("accuracy naive.zip");
    }

    private Outcome runPlainDl4j(List<String> models) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", plainClassPath(), PlainDl4jEvaluation.class.getName(),
                slice.data().directory().toString(), Integer.toString(TrainedSlice.TEST_EXAMPLES)));
        command.addAll(models);
        Path console = dir.resolve("console.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                throw new AssertionError("the plain DL4J program did not end within 180 s: " + Files.readString(console));
            }
        } finally {
            process.destroyForcibly();
        }
        return new Outcome(process.exitValue(), Files.readString(console, StandardCharsets.UTF_8));
    }

    /**
     * This test run's jars without BN Lab's classes (its classes and test-classes folders) and without what only the
     * window and the tests use, plus a folder holding {@link PlainDl4jEvaluation}'s class file alone.
     */
    private String plainClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean ours = Files.isDirectory(Path.of(entry)) || name.contains("bnlab");
            boolean notDl4j = Arrays.stream(new String[]{"javafx", "chartfx", "picocli", "junit", "testfx", "assertj",
                    "monocle", "opentest4j", "apiguardian", "jfree"}).anyMatch(name::contains);
            if (!ours && !notDl4j) {
                entries.add(entry);
            }
        }
        Path classes = dir.resolve("plain-classes");
        String classFile = PlainDl4jEvaluation.class.getName().replace('.', '/') + ".class";
        Path target = classes.resolve(classFile);
        Files.createDirectories(target.getParent());
        try (InputStream in = PlainDl4jEvaluation.class.getClassLoader().getResourceAsStream(classFile)) {
            Files.copy(in, target);
        }
        entries.add(classes.toString());
        return String.join(File.pathSeparator, entries);
    }
}
