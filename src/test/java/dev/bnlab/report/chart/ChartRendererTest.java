package dev.bnlab.report.chart;

import dev.bnlab.report.chart.ChartDefinition.Band;
import dev.bnlab.report.chart.ChartDefinition.Line;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ChartRendererTest {
    @TempDir
    Path dir;

    private static final int EPOCHS = 5;
    private static final int N = EPOCHS * SyntheticLoss.ITERATIONS_PER_EPOCH;

    private static ChartDefinition oneSeedEach(int buckets) {
        return LossChartBuilder.build("Training loss", "one seed each", List.of(
                        new VariantCurves("without BN", 0, List.of(SyntheticLoss.curve(N, 1, 1)), "97.41 %"),
                        new VariantCurves("with BN", 1, List.of(SyntheticLoss.curve(N, 2.2, 2)), "98.12 %")),
                SyntheticLoss.epochEnds(EPOCHS), LossChartOptions.defaults().withBuckets(buckets));
    }

    private static ChartDefinition fiveSeedsThreeVariants(LossChartOptions options) {
        return LossChartBuilder.build("Training loss", "five seeds", List.of(
                        new VariantCurves("without BN", 0, SyntheticLoss.seeds(5, N, 1, 100), "97.33 % ± 0.05"),
                        new VariantCurves("BN after activation", 1, SyntheticLoss.seeds(5, N, 1.8, 200), "98.02 % ± 0.04"),
                        new VariantCurves("BN before activation", 2, SyntheticLoss.seeds(5, N, 2.4, 300), "98.10 % ± 0.06")),
                SyntheticLoss.epochEnds(EPOCHS), options);
    }

    /** Pixels in [x0, x1) × [y0, y1) within {@code tolerance} per channel of {@code color}. */
    private static int count(BufferedImage image, Color color, int tolerance, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                Color p = new Color(image.getRGB(x, y));
                if (Math.abs(p.getRed() - color.getRed()) <= tolerance
                        && Math.abs(p.getGreen() - color.getGreen()) <= tolerance
                        && Math.abs(p.getBlue() - color.getBlue()) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Pixels that are {@code color} laid over white with an opacity between 0.1 and 0.5, i.e. this colour's band
     * alone (pixels where two colours overlap or where a line is drawn do not count).
     */
    private static int tintPixels(BufferedImage image, Color color, int x0, int y0, int x1, int y1) {
        int[] c = {color.getRed(), color.getGreen(), color.getBlue()};
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                Color p = new Color(image.getRGB(x, y));
                int[] v = {p.getRed(), p.getGreen(), p.getBlue()};
                double alpha = Double.NaN;
                boolean consistent = true;
                for (int k = 0; k < 3 && consistent; k++) {
                    // a channel of an opacity-a tint: 255 - a * (255 - c)
                    if (255 - c[k] >= 60) {
                        double a = (255.0 - v[k]) / (255 - c[k]);
                        consistent = Double.isNaN(alpha) || Math.abs(a - alpha) < 0.05;
                        alpha = Double.isNaN(alpha) ? a : alpha;
                    } else {
                        consistent = Math.abs(v[k] - 255) <= 255 - c[k] + 3;
                    }
                }
                if (consistent && alpha >= 0.1 && alpha <= 0.5) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void runsHeadless() {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void pngHasTheRequestedSizeAndEachVariantColourInThePlot() throws IOException {
        int w = 1200;
        int h = 700;
        Path file = dir.resolve("loss.png");
        ChartRenderer.writePng(oneSeedEach(ChartRenderer.suggestedBuckets(w, h)), file, w, h);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(w);
        assertThat(image.getHeight()).isEqualTo(h);
        assertThat(Files.list(dir)).containsExactly(file); // no temporary file left
        double u = Math.min(w / 1600.0, h / 900.0);
        // the plot's left part, where the curves fall and the legend (top right) is not
        int x0 = (int) (115 * u);
        int x1 = w / 2;
        int y0 = (int) (135 * u);
        int y1 = (int) (h - 120 * u);
        for (int i = 0; i < 2; i++) {
            assertThat(count(image, Palette.awt(i), 8, x0, y0, x1, y1)).as("bold line pixels of colour %d", i)
                    .isGreaterThan(1_000);
            assertThat(tintPixels(image, Palette.awt(i), x0, y0, x1, y1)).as("raw band pixels of colour %d", i)
                    .isGreaterThan(3_000);
        }
        // colours nobody uses are absent: the counts above tell colours apart
        assertThat(count(image, Palette.awt(2), 8, 0, 0, w, h)).isZero();
        // (a few antialiased edges where blue meets orange look like a green tint; a band is thousands)
        assertThat(tintPixels(image, Palette.awt(2), x0, y0, x1, y1)).isLessThan(500);
    }

    @Test
    void bandsOverSeedsAreVisiblyFilledInTheirVariantsColour() throws IOException {
        Path file = dir.resolve("bands.png");
        ChartRenderer.writePng(fiveSeedsThreeVariants(LossChartOptions.defaults().withBand(BandKind.SD)), file,
                ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(1600);
        assertThat(image.getHeight()).isEqualTo(900);
        for (int i = 0; i < 3; i++) {
            assertThat(count(image, Palette.awt(i), 8, 115, 135, 800, 780)).as("mean line %d", i).isGreaterThan(800);
            assertThat(tintPixels(image, Palette.awt(i), 115, 135, 1555, 790)).as("band %d", i).isGreaterThan(1_500);
        }
    }

    @Test
    void aBandIsFilledBetweenLowAndHighAndANaNBreaksIt() {
        int n = 100;
        double[] x = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            low[i] = i >= 40 && i < 60 ? Double.NaN : 1;
            high[i] = 2;
        }
        String hex = Palette.hex(1);
        ChartDefinition chart = new ChartDefinition("band", "", "x", "y", false,
                List.of(new Band(hex, 0.22, x, low, high)), List.of(), List.of(), "");
        BufferedImage image = ChartRenderer.render(chart, 1600, 900);
        // no footnote: the plot is [110, 1560] × [130, 815]; y from 0 to 2.1, x from 1 to 100; samples between
        // grid lines (x ticks every 20, y ticks every 0.5)
        double plotHeight = 900 - 215;
        int yMid = (int) Math.round(130 + plotHeight * (1 - 1.625 / 2.1));
        int yAbove = (int) Math.round(130 + plotHeight * (1 - 2.05 / 2.1));
        int yBelow = (int) Math.round(130 + plotHeight * (1 - 0.75 / 2.1));
        int xFilled = (int) Math.round(110 + 1450 * (25 - 1) / 99.0);
        int xGap = (int) Math.round(110 + 1450 * (45 - 1) / 99.0);

        Color blue = Palette.awt(1);
        double a = Math.round(0.22 * 255) / 255.0;
        Color expected = new Color((int) Math.round(255 + a * (blue.getRed() - 255)),
                (int) Math.round(255 + a * (blue.getGreen() - 255)), (int) Math.round(255 + a * (blue.getBlue() - 255)));
        assertThat(count(image, expected, 3, xFilled - 5, yMid - 5, xFilled + 5, yMid + 5)).isEqualTo(100);
        assertThat(image.getRGB(xFilled, yAbove) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(image.getRGB(xFilled, yBelow) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(count(image, expected, 3, xGap - 5, yMid - 5, xGap + 5, yMid + 5)).isZero();
        assertThat(image.getRGB(xGap, yMid) & 0xFFFFFF).isNotEqualTo(expected.getRGB() & 0xFFFFFF);
    }

    @Test
    void svgIsXmlWithTheRequestedSizeAndPathsInThePaletteColours() throws Exception {
        Path file = dir.resolve("loss.svg");
        ChartRenderer.writeSvg(fiveSeedsThreeVariants(LossChartOptions.defaults().withBuckets(600)), file, 1000, 560);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // JFreeSVG writes a DOCTYPE pointing at w3.org: parse without fetching it
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(file.toFile());
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("width")).isEqualTo("1000");
        assertThat(root.getAttribute("height")).isEqualTo("560");

        NodeList paths = doc.getElementsByTagNameNS("*", "path");
        assertThat(paths.getLength()).isGreaterThan(6);
        List<String> pathStyles = new ArrayList<>();
        for (int i = 0; i < paths.getLength(); i++) {
            pathStyles.add(styleOf(paths.item(i)));
        }
        for (int v = 0; v < 3; v++) {
            Color c = Palette.awt(v);
            String rgb = "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
            assertThat(pathStyles).as("a filled band in %s", rgb)
                    .anyMatch(s -> s.contains("fill:" + rgb) && s.matches(".*fill-opacity:0\\.2\\d*.*"));
            // 3.2 px at 1600×900 is 3.2 · 560/900 = 1.99 px here
            assertThat(pathStyles).as("a bold line in %s", rgb)
                    .anyMatch(s -> s.contains("stroke:" + rgb + ";stroke-opacity:1.0") && s.contains("stroke-width:1.99"));
        }
        Set<String> texts = new HashSet<>();
        NodeList textNodes = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < textNodes.getLength(); i++) {
            texts.add(textNodes.item(i).getTextContent());
        }
        assertThat(texts).contains("Training loss", "BN after activation (5 seeds)", "epoch 2", "1,000");
    }

    /** The style of an element and its ancestors (JFreeSVG puts a path's style on a surrounding group). */
    private static String styleOf(Node node) {
        StringBuilder style = new StringBuilder();
        for (Node n = node; n instanceof Element e; n = n.getParentNode()) {
            style.append(e.getAttribute("style").replace(" ", "")).append(';');
        }
        return style.toString();
    }

    @Test
    void logAxisDrawsValuesFromOneThousandthToTen() {
        int n = 400;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            y[i] = 10 * Math.pow(1e-4, i / (n - 1.0)); // 10 down to 0.001
            low[i] = i % 50 == 0 ? 0 : y[i] / 2; // zero has no logarithm: down to the bottom edge
            high[i] = y[i] * 2;
        }
        ChartDefinition chart = new ChartDefinition("log", "", "iteration", "loss (log scale)", true,
                List.of(new Band(Palette.hex(0), 0.22, x, low, high), new Line(Palette.hex(0), 1, 3.2, x, y)),
                List.of(), List.of(), "");
        BufferedImage image = ChartRenderer.render(chart, 800, 450);
        Color c = Palette.awt(0);
        double u = 0.5;
        int top = (int) (130 * u);
        int bottom = (int) (450 - 85 * u);
        int middle = (top + bottom) / 2;
        // on a log axis the line falls steadily: it is in the upper and the lower half, left and right
        assertThat(count(image, c, 8, (int) (110 * u), top, 400, middle)).isGreaterThan(50);
        assertThat(count(image, c, 8, 400, middle, 800 - (int) (40 * u), bottom)).isGreaterThan(50);

        ChartDefinition linear = new ChartDefinition("linear", "", "x", "y", false, chart.layers(), List.of(),
                List.of(), "");
        BufferedImage linearImage = ChartRenderer.render(linear, 800, 450);
        // on a linear axis most of the line hugs the bottom: little of it in the upper right quarter
        assertThat(count(linearImage, c, 8, 400, top, 800 - (int) (40 * u), middle)).isZero();
    }

    private static Document svg(ChartDefinition chart, Path file, int w, int h) throws Exception {
        ChartRenderer.writeSvg(chart, file, w, h);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Element text(Document doc, String content) {
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            if (texts.item(i).getTextContent().equals(content)) {
                return (Element) texts.item(i);
            }
        }
        throw new AssertionError("no text " + content);
    }

    @Test
    void aHundredEpochMarkersAreThinnedToEveryTenth() throws Exception {
        int n = 100 * SyntheticLoss.ITERATIONS_PER_EPOCH;
        ChartDefinition chart = LossChartBuilder.build("t", "", List.of(
                        new VariantCurves("a", 0, List.of(new float[n]), "")),
                SyntheticLoss.epochEnds(100), LossChartOptions.defaults());
        assertThat(chart.markers()).hasSize(99);
        Document doc = svg(chart, dir.resolve("markers.svg"), 1600, 900);
        List<String> labels = new ArrayList<>();
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            if (texts.item(i).getTextContent().startsWith("epoch")) {
                labels.add(texts.item(i).getTextContent());
            }
        }
        assertThat(labels).containsExactly("epoch 11", "epoch 21", "epoch 31", "epoch 41", "epoch 51", "epoch 61",
                "epoch 71", "epoch 81", "epoch 91");
    }

    @Test
    void theLegendLeavesTheTopRightWhenDataIsThere() throws Exception {
        double[] x = {1, 50, 100};
        ChartDefinition.LegendEntry entry = new ChartDefinition.LegendEntry("flat", Palette.hex(0), "");
        ChartDefinition high = new ChartDefinition("t", "", "x", "y", false,
                List.of(new Line(Palette.hex(0), 1, 3, x, new double[]{10, 10, 10}),
                        new Line(Palette.hex(1), 1, 3, new double[]{1, 100}, new double[]{0, 0})),
                List.of(), List.of(entry), "");
        ChartDefinition low = new ChartDefinition("t", "", "x", "y", false,
                List.of(new Line(Palette.hex(0), 1, 3, x, new double[]{1, 1, 1}),
                        new Line(Palette.hex(1), 1, 3, new double[]{1, 100}, new double[]{10, 0})),
                List.of(), List.of(entry), "");
        double highY = Double.parseDouble(text(svg(high, dir.resolve("high.svg"), 1600, 900), "flat").getAttribute("y"));
        double lowY = Double.parseDouble(text(svg(low, dir.resolve("low.svg"), 1600, 900), "flat").getAttribute("y"));
        assertThat(lowY).as("legend at the top when the data is low").isLessThan(250);
        assertThat(highY).as("legend at the bottom when the data is high").isGreaterThan(650);
    }

    @Test
    void emptyAndDegenerateChartsStillRender() throws IOException {
        ChartDefinition empty = new ChartDefinition("nothing yet", "", "x", "y", true, List.of(), List.of(),
                List.of(), "");
        BufferedImage image = ChartRenderer.render(empty, 320, 180);
        assertThat(image.getRGB(300, 170) & 0xFFFFFF).isEqualTo(0xFFFFFF);

        ChartDefinition onePoint = new ChartDefinition("one point", "", "x", "y", false,
                List.of(new Line(Palette.hex(4), 1, 3, new double[]{1}, new double[]{2}),
                        new Band(Palette.hex(4), 0.2, new double[]{1}, new double[]{1}, new double[]{1})),
                List.of(new ChartDefinition.XMarker(1, "here")),
                List.of(new ChartDefinition.LegendEntry("only", Palette.hex(4), "")), "note");
        ChartRenderer.writePng(onePoint, dir.resolve("one.png"), 400, 300);
        ChartRenderer.writeSvg(onePoint, dir.resolve("one.svg"), 400, 300);
        assertThat(count(ImageIO.read(dir.resolve("one.png").toFile()), Palette.awt(4), 10, 0, 0, 400, 300))
                .isGreaterThan(5);
    }
}
