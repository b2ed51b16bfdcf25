package dev.bnlab.report;

import dev.bnlab.analysis.ExperimentAnalysis;
import dev.bnlab.data.RealMnist;
import dev.bnlab.experiment.ExperimentJob;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.TestSpecs;
import dev.bnlab.probe.ProbePoint;
import dev.bnlab.probe.ProbeSite;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.SpecJson;
import dev.bnlab.spec.Sweep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A results folder reads back into the result that wrote it: writing it again gives the same files. */
class ResultsReaderTest {
    @TempDir
    static Path dir;
    static ExperimentJob job;
    static ExperimentResult written;
    static Path folder;

    @BeforeAll
    static void trainAndWrite() throws Exception {
        // 2 seeds x 2 variants x 2 learning rates, probes every 10 iterations: every file a results folder has
        ExperimentSpec spec = TestSpecs.slice(640, 200, 2).withSeeds(2)
                .withSweep(new Sweep("learning-rate", List.of(0.01, 0.1)));
        spec = spec.withMonitoring(spec.monitoring().withEvalEvery(10));
        job = new ExperimentJob(spec, RealMnist.data().directory(), m -> { });
        written = job.run();
        folder = dir.resolve("results");
        Files.createDirectories(folder);
        ResultsWriter.writeAll(folder, written, job.data());
    }

    @Test
    void readsBackTheSpecRunsLossesAndProbesSoTheSameFilesAndVerdictsFollow() throws Exception {
        ResultsReader.OpenedResults opened = ResultsReader.read(folder);
        ExperimentResult read = opened.result();

        assertThat(SpecJson.toText(read.spec())).isEqualTo(SpecJson.toText(written.spec()));
        assertThat(read.status()).isEqualTo(written.status());
        assertThat(read.runs()).hasSize(8);
        for (int r = 0; r < 8; r++) {
            assertThat(read.runs().get(r).status()).isEqualTo(written.runs().get(r).status());
            assertThat(read.runs().get(r).testAccuracy()).isCloseTo(written.runs().get(r).testAccuracy(),
                    org.assertj.core.data.Offset.offset(1e-6));
            assertThat(read.histories().get(r).scores()).isEqualTo(written.histories().get(r).scores());
            assertThat(read.histories().get(r).epochEnds()).isEqualTo(written.histories().get(r).epochEnds());
            List<ProbePoint> before = written.histories().get(r).probes();
            List<ProbePoint> after = read.histories().get(r).probes();
            assertThat(after).extracting(ProbePoint::iteration).isEqualTo(before.stream().map(ProbePoint::iteration).toList());
            assertThat(after).extracting(ProbePoint::accuracy).isEqualTo(before.stream().map(ProbePoint::accuracy).toList());
            ProbePoint last = after.get(after.size() - 1);
            ProbePoint original = before.get(before.size() - 1);
            assertThat(last.hidden().get(1).site(ProbeSite.PRE_ACTIVATION).orElseThrow().pooled(1))
                    .isEqualTo(original.hidden().get(1).site(ProbeSite.PRE_ACTIVATION).orElseThrow().pooled(1));
            assertThat(last.health()).isEqualTo(original.health());
        }
        assertThat(ExperimentAnalysis.of(read).comparisons()).extracting(c -> c.verdict().text())
                .isEqualTo(ExperimentAnalysis.of(written).comparisons().stream().map(c -> c.verdict().text()).toList());

        // written again, the CSVs are the same bytes: nothing the files hold was lost on the way
        Path again = dir.resolve("again");
        Files.createDirectories(again);
        ResultsWriter.writeAll(again, read, job.data());
        for (String csv : List.of("metrics.csv", "sweep.csv", "accuracy.csv", "activations.csv", "health.csv")) {
            assertThat(again.resolve(csv)).as(csv).hasSameBinaryContentAs(folder.resolve(csv));
        }
    }

    @Test
    void aFolderThatCannotBeOpenedSaysWhy() throws Exception {
        assertThatThrownBy(() -> ResultsReader.read(dir.resolve("nothing-here"))).hasMessageContaining("no such folder");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ResultsReader.read(empty)).hasMessageContaining("not a BN Lab results folder");

        Path old = Files.createDirectories(dir.resolve("old"));
        Files.writeString(old.resolve("summary.json"), "{\"config\": {\"epochs\": 3}, \"runs\": []}");
        assertThatThrownBy(() -> ResultsReader.read(old)).hasMessageContaining("older BN Lab")
                .hasMessageContaining("schema version 1");

        Path newer = Files.createDirectories(dir.resolve("newer"));
        Files.writeString(newer.resolve("summary.json"), Files.readString(folder.resolve("summary.json"))
                .replace("\"schema_version\" : 2", "\"schema_version\" : 3"));
        assertThatThrownBy(() -> ResultsReader.read(newer)).hasMessageContaining("schema version 3")
                .hasMessageContaining("newer BN Lab");

        Path incomplete = Files.createDirectories(dir.resolve("incomplete"));
        Files.copy(folder.resolve("summary.json"), incomplete.resolve("summary.json"));
        assertThatThrownBy(() -> ResultsReader.read(incomplete)).hasMessageContaining("metrics.csv is missing");

        Path edited = Files.createDirectories(dir.resolve("edited"));
        Files.copy(folder.resolve("summary.json"), edited.resolve("summary.json"));
        Files.writeString(edited.resolve("metrics.csv"), Files.readString(folder.resolve("metrics.csv"))
                .replace("without BN,0.1,", "no such variant,0.1,"));
        assertThatThrownBy(() -> ResultsReader.read(edited)).hasMessageContaining("no run of the experiment is \"no such variant\"");
    }
}
