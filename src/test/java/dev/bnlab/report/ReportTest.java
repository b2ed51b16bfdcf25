package dev.bnlab.report;

import dev.bnlab.experiment.ExperimentConfig;
import dev.bnlab.experiment.RunHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReportTest {
    @TempDir
    Path dir;

    private static RunHistory history(String name, int n, double scale) {
        RunHistory h = new RunHistory(name);
        for (int i = 0; i < n; i++) {
            h.addScore(scale * 2.3 * Math.exp(-i / 50.0) + 0.05);
            if ((i + 1) % 100 == 0) {
                h.endEpoch(1.0);
            }
        }
        return h;
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
        for (int i = 0; i < values.length; i++) {
            values[i] = 1;
        }
        values[12_345] = 9;
        SeriesReducer.Bucket[] buckets = SeriesReducer.reduce(values, 1_000);
        assertThat(buckets).hasSize(1_000);
        assertThat(Stream.of(buckets).mapToDouble(SeriesReducer.Bucket::max).max().orElse(0)).isEqualTo(9);
        assertThat(buckets[buckets.length - 1].lastIndex()).isEqualTo(46_999);
    }

    @Test
    void metricsCsvHasOneRowPerRunAndIterationWithItsEpoch() throws IOException {
        Path file = dir.resolve("metrics.csv");
        MetricsCsv.write(file, List.of(history("without BN", 250, 1), history("with BN", 250, 0.5)));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1 + 500);
        assertThat(lines.get(0)).isEqualTo("run,epoch,iteration,score");
        assertThat(lines.get(1)).startsWith("without BN,1,1,2.35");
        assertThat(lines.get(100)).startsWith("without BN,1,100,");
        assertThat(lines.get(101)).startsWith("without BN,2,101,");
        assertThat(lines.get(250)).startsWith("without BN,3,250,"); // the unfinished third epoch
        assertThat(lines.get(251)).startsWith("with BN,1,1,");
    }

    @Test
    void theChartIsAPngWithBothRunColoursOnWhite() throws IOException {
        Path file = dir.resolve("loss.png");
        ExperimentConfig config = ExperimentConfig.defaults();
        LossChart chart = LossChart.of(config, List.of(history("without BN", 300, 1), history("with BN", 300, 0.5)),
                null, 0.6, false);

        LossChartRenderer.writePng(chart, file, 1600, 900);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(1600);
        assertThat(image.getHeight()).isEqualTo(900);
        assertThat(new Color(image.getRGB(5, 5))).isEqualTo(Color.WHITE);
        assertThat(countNear(image, RunColors.awt(0))).isGreaterThan(500);
        assertThat(countNear(image, RunColors.awt(1))).isGreaterThan(500);
        LossChartRenderer.writePng(LossChart.of(config, List.of(history("a", 300, 1)), null, 0.6, true), file, 800, 450);
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(800);
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

    private static int countNear(BufferedImage image, Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) + Math.abs(c.getGreen() - color.getGreen())
                        + Math.abs(c.getBlue() - color.getBlue()) < 30) {
                    n++;
                }
            }
        }
        return n;
    }
}
