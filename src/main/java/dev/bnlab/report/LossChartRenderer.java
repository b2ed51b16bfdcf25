package dev.bnlab.report;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws a {@link LossChart} into an image with Java2D (no display needed): raw curves faint, EMA-smoothed
 * curves bold, epoch boundaries, axes and legend. Both {@code loss.png} and the dashboard's PNG export
 * use it, so they look alike.
 */
public final class LossChartRenderer {
    public static final int DEFAULT_WIDTH = 1600;
    public static final int DEFAULT_HEIGHT = 900;

    private static final Color TEXT = new Color(0x22, 0x27, 0x33);
    private static final Color MUTED = new Color(0x6B, 0x72, 0x80);
    private static final Color GRID = new Color(0xE5, 0xE7, 0xEB);
    private static final Color AXIS = new Color(0x9C, 0xA3, 0xAF);
    private static final String FONT = Font.SANS_SERIF;

    private LossChartRenderer() {
    }

    public static void writePng(LossChart chart, Path file, int width, int height) throws IOException {
        BufferedImage image = render(chart, width, height);
        AtomicFiles.write(file, out -> {
            // a memory-cached stream: ImageIO's default file cache registers a shutdown hook, which fails
            // while the JVM is shutting down (Ctrl-C / SIGTERM still write loss.png)
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                if (!ImageIO.write(image, "png", stream)) {
                    throw new IOException("no PNG writer available");
                }
            }
        });
    }

    public static BufferedImage render(LossChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            draw(g, chart, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void draw(Graphics2D g, LossChart chart, int width, int height) {
        double u = Math.min(width / 1600.0, height / 900.0); // unit: 1 at the default size
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        g.setColor(TEXT);
        g.setFont(new Font(FONT, Font.BOLD, (int) Math.round(30 * u)));
        g.drawString(chart.title(), (float) (40 * u), (float) (56 * u));
        g.setColor(MUTED);
        g.setFont(new Font(FONT, Font.PLAIN, (int) Math.round(19 * u)));
        g.drawString(chart.subtitle(), (float) (40 * u), (float) (88 * u));

        Rectangle2D plot = new Rectangle2D.Double(110 * u, 130 * u, width - 150 * u, height - 215 * u);
        List<LossChart.Series> series = chart.series();
        int maxIterations = series.stream().mapToInt(s -> s.scores().length).max().orElse(0);
        float[][] smoothed = new float[series.size()][];
        double yMax = 0;
        double yMin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < series.size(); i++) {
            smoothed[i] = Smoothing.ema(series.get(i).scores(), chart.smoothing());
            for (float v : smoothed[i]) {
                if (Float.isFinite(v)) {
                    yMax = Math.max(yMax, v);
                    yMin = Math.min(yMin, v);
                }
            }
            for (float v : series.get(i).scores()) {
                if (Float.isFinite(v) && v > 0) {
                    yMin = Math.min(yMin, v);
                }
            }
        }
        if (yMax <= 0) {
            yMax = 1;
        }
        Axis x = Axis.linear(1, Math.max(2, maxIterations), plot.getMinX(), plot.getMaxX());
        Axis y = chart.logScale()
                ? Axis.log(Math.max(1e-4, Double.isFinite(yMin) ? yMin : 1e-2) * 0.9, yMax * 1.1, plot.getMaxY(), plot.getMinY())
                : Axis.linear(0, yMax * 1.05, plot.getMaxY(), plot.getMinY());

        drawGridAndAxes(g, plot, x, y, u);
        drawEpochBoundaries(g, plot, x, chart.epochEnds(), maxIterations, u);

        Shape clip = g.getClip();
        g.clip(plot);
        int buckets = (int) Math.max(1, plot.getWidth());
        for (int i = 0; i < series.size(); i++) {
            Color c = RunColors.awt(i);
            drawBand(g, SeriesReducer.reduce(series.get(i).scores(), buckets), x, y,
                    new Color(c.getRed(), c.getGreen(), c.getBlue(), 70), u);
        }
        for (int i = 0; i < series.size(); i++) {
            drawLine(g, SeriesReducer.reduce(smoothed[i], buckets), x, y, RunColors.awt(i), 3.2 * u);
        }
        g.setClip(clip);

        drawLegend(g, plot, series, u);
        g.setColor(MUTED);
        g.setFont(new Font(FONT, Font.PLAIN, (int) Math.round(18 * u)));
        String xLabel = "iteration (minibatch)";
        g.drawString(xLabel, (float) (plot.getCenterX() - g.getFontMetrics().stringWidth(xLabel) / 2.0),
                (float) (height - 22 * u));
        String yLabel = "training loss" + (chart.logScale() ? " (log scale)" : "");
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, (float) (-plot.getCenterY() - rotated.getFontMetrics().stringWidth(yLabel) / 2.0),
                (float) (32 * u));
        rotated.dispose();
        String smoothingNote = String.format(java.util.Locale.ROOT, "bold: EMA smoothing %.2f · faint: raw minibatch loss",
                chart.smoothing());
        g.drawString(smoothingNote, (float) (plot.getMaxX() - g.getFontMetrics().stringWidth(smoothingNote)),
                (float) (height - 22 * u));
    }

    private static void drawGridAndAxes(Graphics2D g, Rectangle2D plot, Axis x, Axis y, double u) {
        g.setFont(new Font(FONT, Font.PLAIN, (int) Math.round(17 * u)));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke((float) (1 * u)));
        for (double t : y.ticks()) {
            double py = y.toPixel(t);
            g.setColor(GRID);
            g.draw(new Line2D.Double(plot.getMinX(), py, plot.getMaxX(), py));
            g.setColor(MUTED);
            String label = NiceScale.label(t);
            g.drawString(label, (float) (plot.getMinX() - 12 * u - fm.stringWidth(label)), (float) (py + fm.getAscent() / 2.5));
        }
        for (double t : x.ticks()) {
            double px = x.toPixel(t);
            g.setColor(GRID);
            g.draw(new Line2D.Double(px, plot.getMinY(), px, plot.getMaxY()));
            g.setColor(MUTED);
            String label = String.format(java.util.Locale.ROOT, "%,d", (long) t);
            g.drawString(label, (float) (px - fm.stringWidth(label) / 2.0), (float) (plot.getMaxY() + 26 * u));
        }
        g.setColor(AXIS);
        g.setStroke(new BasicStroke((float) (1.5 * u)));
        g.draw(new Line2D.Double(plot.getMinX(), plot.getMaxY(), plot.getMaxX(), plot.getMaxY()));
        g.draw(new Line2D.Double(plot.getMinX(), plot.getMinY(), plot.getMinX(), plot.getMaxY()));
    }

    private static void drawEpochBoundaries(Graphics2D g, Rectangle2D plot, Axis x, int[] epochEnds, int maxIterations,
                                            double u) {
        g.setFont(new Font(FONT, Font.PLAIN, (int) Math.round(15 * u)));
        g.setStroke(new BasicStroke((float) (1.3 * u), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[]{(float) (7 * u), (float) (6 * u)}, 0f));
        for (int e = 0; e < epochEnds.length; e++) {
            if (epochEnds[e] >= maxIterations) {
                continue; // the last epoch's end is the chart's right edge
            }
            double px = x.toPixel(epochEnds[e] + 0.5);
            g.setColor(AXIS);
            g.draw(new Line2D.Double(px, plot.getMinY(), px, plot.getMaxY()));
            g.setColor(MUTED);
            g.drawString("epoch " + (e + 2), (float) (px + 6 * u), (float) (plot.getMinY() + 18 * u));
        }
    }

    private static void drawBand(Graphics2D g, SeriesReducer.Bucket[] buckets, Axis x, Axis y, Color color, double u) {
        g.setColor(color);
        g.setStroke(new BasicStroke((float) (1.2 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D path = new Path2D.Double();
        boolean first = true;
        for (SeriesReducer.Bucket b : buckets) {
            double px = x.toPixel((b.firstIndex() + b.lastIndex()) / 2.0 + 1);
            double top = y.toPixel(b.max());
            double bottom = y.toPixel(b.min());
            if (first) {
                path.moveTo(px, top);
                first = false;
            } else {
                path.lineTo(px, top);
            }
            path.lineTo(px, bottom);
        }
        g.draw(path);
    }

    private static void drawLine(Graphics2D g, SeriesReducer.Bucket[] buckets, Axis x, Axis y, Color color, double width) {
        g.setColor(color);
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D path = new Path2D.Double();
        boolean first = true;
        for (SeriesReducer.Bucket b : buckets) {
            double px = x.toPixel(b.lastIndex() + 1);
            double py = y.toPixel(b.last());
            if (first) {
                path.moveTo(px, py);
                first = false;
            } else {
                path.lineTo(px, py);
            }
        }
        g.draw(path);
    }

    private static void drawLegend(Graphics2D g, Rectangle2D plot, List<LossChart.Series> series, double u) {
        Font nameFont = new Font(FONT, Font.BOLD, (int) Math.round(19 * u));
        Font noteFont = new Font(FONT, Font.PLAIN, (int) Math.round(17 * u));
        double lineHeight = 34 * u;
        double boxWidth = 0;
        for (LossChart.Series s : series) {
            g.setFont(nameFont);
            double w = g.getFontMetrics().stringWidth(s.name());
            g.setFont(noteFont);
            w += s.note().isEmpty() ? 0 : 14 * u + g.getFontMetrics().stringWidth(s.note());
            boxWidth = Math.max(boxWidth, w);
        }
        boxWidth += 80 * u;
        double boxHeight = series.size() * lineHeight + 18 * u;
        double left = plot.getMaxX() - boxWidth - 16 * u;
        double top = plot.getMinY() + 30 * u;
        g.setColor(new Color(255, 255, 255, 230));
        g.fill(new Rectangle2D.Double(left, top, boxWidth, boxHeight));
        g.setColor(GRID);
        g.setStroke(new BasicStroke((float) u));
        g.draw(new Rectangle2D.Double(left, top, boxWidth, boxHeight));
        for (int i = 0; i < series.size(); i++) {
            double baseline = top + 9 * u + (i + 0.7) * lineHeight;
            g.setColor(RunColors.awt(i));
            g.setStroke(new BasicStroke((float) (4 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(left + 16 * u, baseline - 7 * u, left + 50 * u, baseline - 7 * u));
            g.setColor(TEXT);
            g.setFont(nameFont);
            String name = series.get(i).name();
            g.drawString(name, (float) (left + 62 * u), (float) baseline);
            double after = left + 62 * u + g.getFontMetrics().stringWidth(name) + 14 * u;
            g.setColor(MUTED);
            g.setFont(noteFont);
            g.drawString(series.get(i).note(), (float) after, (float) baseline);
        }
    }

    /** Maps data values to pixels, linearly or logarithmically, and proposes round ticks. */
    private record Axis(double min, double max, double fromPixel, double toPixel, boolean log) {
        static Axis linear(double min, double max, double fromPixel, double toPixel) {
            return new Axis(min, max, fromPixel, toPixel, false);
        }

        static Axis log(double min, double max, double fromPixel, double toPixel) {
            return new Axis(min, max, fromPixel, toPixel, true);
        }

        double toPixel(double v) {
            double t = log ? (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (v - min) / (max - min);
            return fromPixel + t * (toPixel - fromPixel);
        }

        List<Double> ticks() {
            if (!log) {
                return NiceScale.ticks(min, max, 8);
            }
            List<Double> ticks = new java.util.ArrayList<>();
            for (int p = (int) Math.floor(Math.log10(min)); p <= Math.ceil(Math.log10(max)); p++) {
                for (double m : new double[]{1, 2, 5}) {
                    double t = m * Math.pow(10, p);
                    if (t >= min && t <= max) {
                        ticks.add(t);
                    }
                }
            }
            return ticks;
        }
    }
}
