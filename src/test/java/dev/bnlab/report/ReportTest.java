package dev.bnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bnlab.experiment.ExperimentResult;
import dev.bnlab.experiment.RunHistory;
import dev.bnlab.experiment.RunResult;
import dev.bnlab.experiment.RunStatus;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.RunSpec;
import dev.bnlab.spec.SpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The result files of a scripted experiment (no training): tidy metrics.csv, summary.json, loss.png/.svg. */
class ReportTest {
    @TempDir
    Path dir;

    /** 2 variants x 3 seeds; the BN variant ahead by 0.3, 0.5, 0.4 points; its second seed diverged in one test. */
    static ExperimentResult scripted(boolean divergeOne) {
        ExperimentSpec spec = ExperimentSpec.defaults().withSeeds(3);
        List<RunSpec> runs = spec.expand();
        double[] accuracy = {0.9700, 0.9730, 0.9690, 0.9740, 0.9710, 0.9750};
        List<RunResult> results = new ArrayList<>();
        List<RunHistory> histories = new ArrayList<>();
        for (RunSpec r : runs) {
            RunHistory h = new RunHistory(r.label());
            boolean diverged = divergeOne && r.index() == 3;
            int n = diverged ? 120 : 250;
            for (int i = 0; i < n; i++) {
                h.addScore(diverged && i == n - 1 ? Double.NaN : (r.variantIndex() == 1 ? 0.5 : 1) * 2.3 * Math.exp(-i / 50.0) + 0.05);
                if ((i + 1) % 100 == 0) {
                    h.endEpoch(1.0);
                }
            }
            histories.add(h);
            results.add(new RunResult(r, diverged ? RunStatus.DIVERGED : RunStatus.FINISHED,
                    diverged ? Double.NaN : accuracy[r.index()], 10_000, h.recentMean(100), 12.5, 0, n,
                    diverged ? "loss became NaN at iteration 120" : null));
        }
        return new ExperimentResult(spec, ExperimentResult.Status.FINISHED, results, histories,
                Instant.parse("2026-11-28T10:00:00Z"), 40.0, null);
    }

    @Test
    void metricsCsvIsTidyOneRowPerRunAndIteration() throws IOException {
        Path file = dir.resolve("metrics.csv");
        MetricsCsv.write(file, scripted(false));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("variant,seed,epoch,iteration,loss");
        assertThat(lines).hasSize(1 + 6 * 250);
        assertThat(lines.get(1)).startsWith("without BN,123,1,1,2.35");
        assertThat(lines.get(100)).startsWith("without BN,123,1,100,");
        assertThat(lines.get(101)).startsWith("without BN,123,2,101,");
        assertThat(lines.get(250)).startsWith("without BN,123,3,250,"); // the unfinished third epoch
        assertThat(lines.get(251)).startsWith("BN after activation,123,1,1,1.2");
        assertThat(lines.get(501)).startsWith("without BN,124,1,1,");
        assertThat(lines).filteredOn(l -> l.startsWith("BN after activation,125,")).hasSize(250);
    }

    @Test
    void summaryJsonCarriesTheSpecTheRunsTheVariantsAndTheVerdict() throws Exception {
        ExperimentResult result = scripted(true);
        ResultsWriter.writeAll(dir, result, null);

        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.path("schema_version").asInt()).isEqualTo(SummaryJson.SCHEMA_VERSION);
        assertThat(summary.path("status").asText()).isEqualTo("finished");
        assertThat(SpecJson.parse(summary.toString(), "summary.json")).isEqualTo(result.spec());
        assertThat(summary.path("runs")).hasSize(6);
        JsonNode diverged = summary.path("runs").get(3);
        assertThat(diverged.path("variant").asText()).isEqualTo("BN after activation");
        assertThat(diverged.path("seed").asLong()).isEqualTo(124);
        assertThat(diverged.path("status").asText()).isEqualTo("diverged");
        assertThat(diverged.path("test_accuracy").isNull()).isTrue();
        assertThat(summary.path("runs").get(0).path("test_accuracy").asDouble()).isEqualTo(0.97);

        JsonNode plain = summary.path("variants").get(0);
        assertThat(plain.path("name").asText()).isEqualTo("without BN");
        assertThat(plain.path("test_accuracy").path("n").asInt()).isEqualTo(3);
        assertThat(plain.path("test_accuracy").path("mean").asDouble()).isCloseTo(0.97, within(1e-9));
        JsonNode bn = summary.path("variants").get(1);
        assertThat(bn.path("evaluated").asInt()).isEqualTo(2);
        assertThat(bn.path("diverged").asInt()).isEqualTo(1);

        JsonNode comparison = summary.path("comparisons").get(0);
        assertThat(comparison.path("candidate").asText()).isEqualTo("BN after activation");
        assertThat(comparison.path("reference").asText()).isEqualTo("without BN");
        assertThat(comparison.path("pairs").asInt()).isEqualTo(2); // the diverged seed has no pair
        assertThat(comparison.path("pairs_dropped").asInt()).isEqualTo(1);
        assertThat(comparison.path("mean_difference_points").asDouble()).isCloseTo(0.35, within(1e-9)); // (0.3 + 0.4) / 2
        assertThat(comparison.path("differences_points")).extracting(JsonNode::asDouble).containsExactly(0.3, 0.4);
        assertThat(comparison.path("verdict").asText()).contains("only 2 seeds");
        assertThat(summary.path("files").path("loss_chart_svg").asText()).isEqualTo("loss.svg");
        assertThat(summary.path("environment").path("deeplearning4j").asText()).isEqualTo("1.0.0-M2.1");
    }

    @Test
    void theChartFilesArePngAndSvgAtTheDefaultSize() throws Exception {
        ResultsWriter.writeAll(dir, scripted(false), null);

        BufferedImage png = ImageIO.read(dir.resolve("loss.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1600);
        assertThat(png.getHeight()).isEqualTo(900);
        String svg = Files.readString(dir.resolve("loss.svg"));
        assertThat(svg).contains("<svg").contains("width='1600'").contains("BN after activation (3 seeds)");
    }

    @Test
    void emaMatchesTensorBoardsDebiasedFormula() {
        float[] raw = {1, 2, 3};
        float[] s = Smoothing.ema(raw, 0.6);
        assertThat(s[0]).isEqualTo(1f);
        // TensorBoard: last = 0.6*0.4 + 0.4*2 = 1.04; debias 1 - 0.36 = 0.64 -> 1.625
        assertThat(s[1]).isCloseTo(1.625f, within(1e-6f));
        assertThat(Smoothing.ema(raw, 0)).containsExactly(raw);
        assertThat(Smoothing.ema(new float[]{1, Float.NaN, 1}, 0.5)).containsExactly(1f, 1f, 1f);
    }

    @Test
    void reducingKeepsExtremesAndAboutOnePointPerPixel() {
        float[] values = new float[47_000];
        java.util.Arrays.fill(values, 1);
        values[12_345] = 9;
        SeriesReducer.Bucket[] buckets = SeriesReducer.reduce(values, 1_000);
        assertThat(buckets).hasSize(1_000);
        assertThat(Stream.of(buckets).mapToDouble(SeriesReducer.Bucket::max).max().orElse(0)).isEqualTo(9);
        assertThat(buckets[buckets.length - 1].lastIndex()).isEqualTo(46_999);
    }

    @Test
    void aFailedWriteLeavesNeitherAHalfFileNorATemporaryOne() throws IOException {
        Path target = dir.resolve("summary.json");
        Files.writeString(target, "{\"old\": true}");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("{\"half".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("{\"old\": true}");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
