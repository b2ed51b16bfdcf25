package dev.bnlab.report.chart;

import dev.bnlab.report.AtomicFiles;
import dev.bnlab.report.NiceScale;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link ChartDefinition} with Java2D, headless: the same {@link #draw} code makes the PNG (through a
 * {@link BufferedImage}) and the SVG (through JFreeSVG's {@link SVGGraphics2D}), so both look alike.
 * <p>
 * Layout as the chart always had at 1600×900: title and subtitle at the top left, the plot below with grid,
 * ticks, dashed x markers labelled at the top, the legend in a box at the top right (moved to another corner of
 * the plot when that covers less data), axis labels and a footnote at the bottom. Every size, width and font
 * scales with the unit u = min(width / 1600, height / 900).
 */
public final class ChartRenderer {
    public static final int DEFAULT_WIDTH = 1600;
    public static final int DEFAULT_HEIGHT = 900;

    private static final Color TEXT = new Color(0x22, 0x27, 0x33);
    private static final Color MUTED = new Color(0x6B, 0x72, 0x80);
    private static final Color GRID = new Color(0xE5, 0xE7, 0xEB);
    private static final Color AXIS = new Color(0x9C, 0xA3, 0xAF);
    private static final String FONT = Font.SANS_SERIF;
    /** Bands are never thinner than this (times u), so a collapsed band still shows as a faint line. */
    private static final double MIN_BAND_THICKNESS = 1.2;

    private ChartRenderer() {
    }

    /** About one point per pixel of the plot area's width: the {@code buckets} option for a file of this size. */
    public static int suggestedBuckets(int width, int height) {
        double u = unit(width, height);
        return (int) Math.max(1, Math.round(width - 150 * u));
    }

    public static void writePng(ChartDefinition chart, Path file, int width, int height) throws IOException {
        writePng(render(chart, width, height), file);
    }

    private static void writePng(BufferedImage image, Path file) throws IOException {
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

    /**
     * Several charts in one PNG, {@code columns} per row, each drawn in a {@code cellWidth} × {@code cellHeight}
     * cell, under an optional {@code heading} line: the BN paper's panels side by side.
     */
    public static void writeGridPng(java.util.List<ChartDefinition> panels, int columns, String heading, Path file,
                                    int cellWidth, int cellHeight) throws IOException {
        writePng(renderGrid(panels, columns, heading, cellWidth, cellHeight), file);
    }

    public static BufferedImage renderGrid(java.util.List<ChartDefinition> panels, int columns, String heading,
                                           int cellWidth, int cellHeight) {
        int[] size = gridSize(panels, columns, heading, cellWidth, cellHeight);
        BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            drawGrid(g, panels, columns, heading, cellWidth, cellHeight);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The same grid as an SVG document. */
    public static void writeGridSvg(java.util.List<ChartDefinition> panels, int columns, String heading, Path file,
                                    int cellWidth, int cellHeight) throws IOException {
        int[] size = gridSize(panels, columns, heading, cellWidth, cellHeight);
        SVGGraphics2D svg = new SVGGraphics2D(size[0], size[1]);
        svg.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2));
        drawGrid(svg, panels, columns, heading, cellWidth, cellHeight);
        byte[] document = svg.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(document));
    }

    private static int headingHeight(String heading, int cellWidth, int cellHeight) {
        return heading == null || heading.isEmpty() ? 0 : (int) Math.round(56 * unit(cellWidth, cellHeight) * 1.4);
    }

    private static int[] gridSize(java.util.List<ChartDefinition> panels, int columns, String heading, int cellWidth,
                                  int cellHeight) {
        int cols = Math.max(1, Math.min(columns, panels.size()));
        int rows = Math.max(1, (panels.size() + cols - 1) / cols);
        return new int[]{cols * cellWidth, headingHeight(heading, cellWidth, cellHeight) + rows * cellHeight};
    }

    private static void drawGrid(Graphics2D g, java.util.List<ChartDefinition> panels, int columns, String heading,
                                 int cellWidth, int cellHeight) {
        int cols = Math.max(1, Math.min(columns, panels.size()));
        int top = headingHeight(heading, cellWidth, cellHeight);
        int[] size = gridSize(panels, columns, heading, cellWidth, cellHeight);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size[0], size[1]);
        if (top > 0) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(TEXT);
            g.setFont(new Font(FONT, Font.BOLD, (int) Math.round(top * 0.45)));
            g.drawString(heading, (int) Math.round(24 * unit(cellWidth, cellHeight)), (int) Math.round(top * 0.68));
        }
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D cell = (Graphics2D) g.create((i % cols) * cellWidth, top + (i / cols) * cellHeight,
                    cellWidth, cellHeight);
            try {
                draw(cell, panels.get(i), cellWidth, cellHeight);
            } finally {
                cell.dispose();
            }
        }
    }

    public static void writeSvg(ChartDefinition chart, Path file, int width, int height) throws IOException {
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        svg.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2)); // 0.01 px is plenty; smaller files
        draw(svg, chart, width, height);
        byte[] document = svg.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(document));
    }

    public static BufferedImage render(ChartDefinition chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, chart, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Draws the whole chart, background included, into {@code target} (left unchanged: a copy is used). */
    public static void draw(Graphics2D target, ChartDefinition chart, int width, int height) {
        Graphics2D g = (Graphics2D) target.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            new Drawing(g, chart, width, height).draw();
        } finally {
            g.dispose();
        }
    }

    private static double unit(int width, int height) {
        return Math.min(width / 1600.0, height / 900.0);
    }

    /** One drawing of one chart. */
    private static final class Drawing {
        private final Graphics2D g;
        private final ChartDefinition chart;
        private final int width;
        private final int height;
        private final double u;
        private final Font tickFont;
        private final Font labelFont;
        private final Font footFont;
        private final boolean footnoteOwnLine;
        private final Rectangle2D plot;
        private final Axis x;
        private final Axis y;

        Drawing(Graphics2D g, ChartDefinition chart, int width, int height) {
            this.g = g;
            this.chart = chart;
            this.width = width;
            this.height = height;
            this.u = unit(width, height);
            tickFont = font(Font.PLAIN, 17);
            labelFont = font(Font.PLAIN, 18);
            double plotLeft = 110 * u;
            double plotRight = width - 40 * u;
            // the footnote shares the bottom line with the x label when both fit, else it gets its own line
            double xLabelRight = (plotLeft + plotRight) / 2 + g.getFontMetrics(labelFont).stringWidth(chart.xLabel()) / 2.0;
            footnoteOwnLine = !chart.footnote().isEmpty()
                    && plotRight - g.getFontMetrics(labelFont).stringWidth(chart.footnote()) < xLabelRight + 60 * u;
            footFont = footnoteOwnLine ? fitFont(Font.PLAIN, 16, chart.footnote(), plotRight - plotLeft) : labelFont;
            double bottomMargin = footnoteOwnLine ? 107 * u : 85 * u;
            plot = new Rectangle2D.Double(plotLeft, 130 * u, plotRight - plotLeft, height - 130 * u - bottomMargin);
            ChartDefinition.Range xr = chart.xAxisRange();
            ChartDefinition.Range yr = chart.yAxisRange();
            x = new Axis(xr.min(), xr.max(), plot.getMinX(), plot.getMaxX(), chart.logX());
            y = new Axis(yr.min(), yr.max(), plot.getMaxY(), plot.getMinY(), chart.logY());
        }

        void draw() {
            g.setColor(Color.WHITE);
            g.fill(new Rectangle2D.Double(0, 0, width, height));
            drawTitles();
            drawGrid();
            drawMarkers();
            Shape clip = g.getClip();
            g.clip(plot);
            for (ChartDefinition.Layer layer : chart.layers()) {
                if (layer instanceof ChartDefinition.Band band) {
                    drawBand(band);
                } else if (layer instanceof ChartDefinition.Line line) {
                    drawLine(line);
                } else if (layer instanceof ChartDefinition.Points points) {
                    drawPoints(points);
                }
            }
            g.setClip(clip);
            drawAxes();
            drawLegend();
            drawAxisLabels();
        }

        private void drawPoints(ChartDefinition.Points p) {
            g.setColor(color(p.colorHex(), p.opacity()));
            double r = p.markerSize() * u / 2;
            g.setStroke(new BasicStroke((float) Math.max(1, 2.6 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int i = 0; i < p.size(); i++) {
                if (!Double.isFinite(p.x(i)) || !Double.isFinite(p.y(i)) || (chart.logX() && p.x(i) <= 0)
                        || (chart.logY() && p.y(i) <= 0)) {
                    continue;
                }
                double px = x.toPixel(p.x(i));
                double py = y.toPixel(p.y(i));
                if (p.marker() == ChartDefinition.Marker.DOT) {
                    g.fill(new java.awt.geom.Ellipse2D.Double(px - r, py - r, 2 * r, 2 * r));
                } else {
                    g.draw(new Line2D.Double(px - r, py - r, px + r, py + r));
                    g.draw(new Line2D.Double(px - r, py + r, px + r, py - r));
                }
            }
        }

        private Font font(int style, double size) {
            return new Font(FONT, style, 1).deriveFont((float) Math.max(1, size * u));
        }

        /** The font at {@code size}·u, smaller (down to 70 %) if {@code text} would be wider than {@code room}. */
        private Font fitFont(int style, double size, String text, double room) {
            Font f = font(style, size);
            for (double s = size - 0.5; s >= size * 0.7 && g.getFontMetrics(f).stringWidth(text) > room; s -= 0.5) {
                f = font(style, s);
            }
            return f;
        }

        /** {@code text} cut with "…" to fit {@code room} in the current font. */
        private String fit(String text, double room) {
            FontMetrics fm = g.getFontMetrics();
            if (fm.stringWidth(text) <= room) {
                return text;
            }
            int end = text.length();
            while (end > 0 && fm.stringWidth(text.substring(0, end) + "…") > room) {
                end--;
            }
            return text.substring(0, end).stripTrailing() + "…";
        }

        private void drawTitles() {
            double room = width - 80 * u;
            g.setColor(TEXT);
            g.setFont(fitFont(Font.BOLD, 30, chart.title(), room));
            g.drawString(fit(chart.title(), room), (float) (40 * u), (float) (56 * u));
            g.setColor(MUTED);
            g.setFont(fitFont(Font.PLAIN, 19, chart.subtitle(), room));
            g.drawString(fit(chart.subtitle(), room), (float) (40 * u), (float) (88 * u));
        }

        private void drawGrid() {
            g.setFont(tickFont);
            FontMetrics fm = g.getFontMetrics();
            g.setStroke(new BasicStroke((float) (1 * u)));
            for (double t : y.ticks()) {
                double py = y.toPixel(t);
                g.setColor(GRID);
                g.draw(new Line2D.Double(plot.getMinX(), py, plot.getMaxX(), py));
                g.setColor(MUTED);
                String label = y.label(t);
                g.drawString(label, (float) (plot.getMinX() - 12 * u - fm.stringWidth(label)),
                        (float) (py + fm.getAscent() / 2.5));
            }
            double lastRight = Double.NEGATIVE_INFINITY;
            for (double t : x.ticks()) {
                double px = x.toPixel(t);
                g.setColor(GRID);
                g.draw(new Line2D.Double(px, plot.getMinY(), px, plot.getMaxY()));
                String label = x.label(t);
                double left = px - fm.stringWidth(label) / 2.0;
                if (left > lastRight + 8 * u) {
                    g.setColor(MUTED);
                    g.drawString(label, (float) left, (float) (plot.getMaxY() + 26 * u));
                    lastRight = left + fm.stringWidth(label);
                }
            }
        }

        private void drawAxes() {
            g.setColor(AXIS);
            g.setStroke(new BasicStroke((float) (1.5 * u)));
            g.draw(new Line2D.Double(plot.getMinX(), plot.getMaxY(), plot.getMaxX(), plot.getMaxY()));
            g.draw(new Line2D.Double(plot.getMinX(), plot.getMinY(), plot.getMinX(), plot.getMaxY()));
        }

        private void drawMarkers() {
            g.setFont(font(Font.PLAIN, 15));
            FontMetrics fm = g.getFontMetrics();
            g.setStroke(new BasicStroke((float) (1.3 * u), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[]{(float) (7 * u), (float) (6 * u)}, 0f));
            List<ChartDefinition.XMarker> markers = chart.markers();
            int stride = markerStride(markers, fm);
            double lastRight = Double.NEGATIVE_INFINITY;
            for (int i = stride - 1; i < markers.size(); i += stride) {
                ChartDefinition.XMarker m = markers.get(i);
                double px = x.toPixel(m.x());
                if (!(px > plot.getMinX() && px < plot.getMaxX())) {
                    continue;
                }
                g.setColor(AXIS);
                g.draw(new Line2D.Double(px, plot.getMinY(), px, plot.getMaxY()));
                double left = px + 6 * u;
                double right = left + fm.stringWidth(m.label());
                // labels that would run into the previous one or out of the plot are left out
                if (left > lastRight + 6 * u && right < plot.getMaxX()) {
                    g.setColor(MUTED);
                    g.drawString(m.label(), (float) left, (float) (plot.getMinY() + 18 * u));
                    lastRight = right;
                }
            }
        }

        /**
         * Every k-th marker (k = 1, 2, 5, 10, 20, 50, …) so that drawn markers are at least about 70 px apart
         * (at 1600×900) and each has room for its label: 100 epochs show every 10th boundary instead of a comb
         * of dashes.
         */
        private int markerStride(List<ChartDefinition.XMarker> markers, FontMetrics fm) {
            if (markers.size() < 2) {
                return 1;
            }
            double span = Math.abs(x.toPixel(markers.get(markers.size() - 1).x()) - x.toPixel(markers.get(0).x()));
            double spacing = span / (markers.size() - 1);
            if (!(spacing > 0)) {
                return 1;
            }
            double widestLabel = 0;
            for (ChartDefinition.XMarker m : markers) {
                widestLabel = Math.max(widestLabel, fm.stringWidth(m.label()));
            }
            return MarkerStride.of(markers.size(), spacing, Math.max(70 * u, widestLabel + 16 * u));
        }

        private static Color color(String hex, double opacity) {
            Color c = Color.decode(hex);
            return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * opacity));
        }

        /** Pixel y of a value, kept within a few plot heights so Java2D never sees huge coordinates. */
        private double py(double v) {
            double p = y.toPixel(v);
            double limit = 4 * plot.getHeight();
            return Math.max(plot.getMinY() - limit, Math.min(plot.getMaxY() + limit, p));
        }

        private boolean drawable(double v) {
            return Double.isFinite(v) && (!y.log || v > 0);
        }

        private void drawBand(ChartDefinition.Band band) {
            g.setColor(color(band.colorHex(), band.opacity()));
            double minThickness = MIN_BAND_THICKNESS * u;
            int n = band.size();
            double[] px = new double[n];
            double[] top = new double[n];
            double[] bottom = new double[n];
            int start = -1;
            for (int i = 0; i <= n; i++) {
                boolean ok = i < n && Double.isFinite(band.x(i)) && drawable(band.high(i)) && !Double.isNaN(band.low(i));
                if (ok) {
                    px[i] = x.toPixel(band.x(i));
                    top[i] = py(band.high(i));
                    // below a log axis' range (or not positive): down to the bottom edge
                    bottom[i] = drawable(band.low(i)) ? py(band.low(i)) : plot.getMaxY() + 1;
                    if (bottom[i] - top[i] < minThickness) {
                        double mid = (top[i] + bottom[i]) / 2;
                        top[i] = mid - minThickness / 2;
                        bottom[i] = mid + minThickness / 2;
                    }
                    if (start < 0) {
                        start = i;
                    }
                } else if (start >= 0) {
                    fillPiece(px, top, bottom, start, i - 1, minThickness);
                    start = -1;
                }
            }
        }

        private void fillPiece(double[] px, double[] top, double[] bottom, int from, int to, double minThickness) {
            if (from == to) {
                g.fill(new Rectangle2D.Double(px[from] - minThickness / 2, top[from], minThickness,
                        bottom[from] - top[from]));
                return;
            }
            Path2D path = new Path2D.Double(Path2D.WIND_NON_ZERO, 2 * (to - from + 1) + 1);
            path.moveTo(px[from], top[from]);
            for (int i = from + 1; i <= to; i++) {
                path.lineTo(px[i], top[i]);
            }
            for (int i = to; i >= from; i--) {
                path.lineTo(px[i], bottom[i]);
            }
            path.closePath();
            g.fill(path);
            // a thin outline in the same colour keeps one-bucket spikes as visible as the rest of the band
            g.setStroke(new BasicStroke((float) (0.8 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
        }

        private void drawLine(ChartDefinition.Line line) {
            g.setColor(color(line.colorHex(), line.opacity()));
            g.setStroke(new BasicStroke((float) (line.width() * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D path = new Path2D.Double(Path2D.WIND_NON_ZERO, line.size() + 1);
            boolean penDown = false;
            boolean any = false;
            for (int i = 0; i < line.size(); i++) {
                double v = line.y(i);
                if (!Double.isFinite(line.x(i)) || !drawable(v)) {
                    penDown = false;
                    continue;
                }
                double px = x.toPixel(line.x(i));
                double py = py(v);
                if (penDown) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    path.lineTo(px, py); // a lone point shows as a dot
                    penDown = true;
                }
                any = true;
            }
            if (any) {
                g.draw(path);
            }
        }

        private void drawLegend() {
            List<ChartDefinition.LegendEntry> entries = chart.legend();
            if (entries.isEmpty()) {
                return;
            }
            Font nameFont = font(Font.BOLD, 19);
            Font noteFont = font(Font.PLAIN, 17);
            double lineHeight = 34 * u;
            double boxWidth = 0;
            for (ChartDefinition.LegendEntry e : entries) {
                double w = g.getFontMetrics(nameFont).stringWidth(e.name());
                w += e.note().isEmpty() ? 0 : 14 * u + g.getFontMetrics(noteFont).stringWidth(e.note());
                boxWidth = Math.max(boxWidth, w);
            }
            boxWidth += 80 * u;
            double boxHeight = entries.size() * lineHeight + 18 * u;
            Rectangle2D box = legendPlace(boxWidth, boxHeight);
            g.setColor(new Color(255, 255, 255, 230));
            g.fill(box);
            g.setColor(GRID);
            g.setStroke(new BasicStroke((float) u));
            g.draw(box);
            double left = box.getMinX();
            for (int i = 0; i < entries.size(); i++) {
                ChartDefinition.LegendEntry e = entries.get(i);
                double baseline = box.getMinY() + 9 * u + (i + 0.7) * lineHeight;
                double mid = baseline - 7 * u;
                // the sample: a faint band behind a bold line, as the variant is drawn
                g.setColor(color(e.colorHex(), 0.25));
                g.fill(new Rectangle2D.Double(left + 14 * u, mid - 9 * u, 38 * u, 18 * u));
                g.setColor(Color.decode(e.colorHex()));
                g.setStroke(new BasicStroke((float) (4 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(left + 16 * u, mid, left + 50 * u, mid));
                g.setColor(TEXT);
                g.setFont(nameFont);
                g.drawString(e.name(), (float) (left + 62 * u), (float) baseline);
                if (!e.note().isEmpty()) {
                    double after = left + 62 * u + g.getFontMetrics().stringWidth(e.name()) + 14 * u;
                    g.setColor(MUTED);
                    g.setFont(noteFont);
                    g.drawString(e.note(), (float) after, (float) baseline);
                }
            }
        }

        /**
         * The top right corner of the plot unless another corner covers clearly less data: each corner is scored
         * by the drawn points (lines weighted by width and opacity, bands by opacity) it would hide.
         */
        private Rectangle2D legendPlace(double boxWidth, double boxHeight) {
            double inset = 16 * u;
            double top = plot.getMinY() + 30 * u; // below the marker labels
            double bottom = plot.getMaxY() - boxHeight - inset;
            double right = plot.getMaxX() - boxWidth - inset;
            double left = plot.getMinX() + inset + 10 * u;
            List<Rectangle2D> candidates = List.of(
                    new Rectangle2D.Double(right, top, boxWidth, boxHeight),
                    new Rectangle2D.Double(right, bottom, boxWidth, boxHeight),
                    new Rectangle2D.Double(left, top, boxWidth, boxHeight),
                    new Rectangle2D.Double(left, bottom, boxWidth, boxHeight));
            Rectangle2D best = candidates.get(0);
            double bestScore = covered(best);
            for (Rectangle2D c : candidates.subList(1, candidates.size())) {
                double score = covered(c);
                if (score < bestScore * 0.5) { // move only for a clear gain
                    best = c;
                    bestScore = score;
                }
            }
            return best;
        }

        private double covered(Rectangle2D box) {
            // a little room around the box: data touching its edge is as bad as data under it
            Rectangle2D r = new Rectangle2D.Double(box.getMinX() - 6 * u, box.getMinY() - 6 * u,
                    box.getWidth() + 12 * u, box.getHeight() + 12 * u);
            double score = 0;
            for (ChartDefinition.Layer layer : chart.layers()) {
                double previousX = Double.NaN;
                double previousTop = Double.NaN;
                double previousBottom = Double.NaN;
                for (int i = 0; i < layer.size(); i++) {
                    double px = Double.NaN;
                    double top = Double.NaN;
                    double bottom = Double.NaN;
                    if (Double.isFinite(layer.x(i))) {
                        px = x.toPixel(layer.x(i));
                        if (layer instanceof ChartDefinition.Line line && drawable(line.y(i))) {
                            top = py(line.y(i));
                            bottom = top;
                        } else if (layer instanceof ChartDefinition.Band band && drawable(band.high(i))) {
                            top = py(band.high(i));
                            bottom = drawable(band.low(i)) ? py(band.low(i)) : plot.getMaxY();
                        }
                    }
                    if (!Double.isNaN(top)) {
                        // the piece from the previous point (or the point alone) against the box
                        boolean hit;
                        if (Double.isNaN(previousTop)) {
                            hit = px >= r.getMinX() && px <= r.getMaxX() && bottom >= r.getMinY() && top <= r.getMaxY();
                        } else if (layer instanceof ChartDefinition.Line) {
                            hit = new Line2D.Double(previousX, previousTop, px, top).intersects(r);
                        } else {
                            hit = Math.max(previousX, px) >= r.getMinX() && Math.min(previousX, px) <= r.getMaxX()
                                    && Math.max(previousBottom, bottom) >= r.getMinY()
                                    && Math.min(previousTop, top) <= r.getMaxY();
                        }
                        if (hit) {
                            score += layer instanceof ChartDefinition.Line line ? line.width() * line.opacity()
                                    : layer.opacity();
                        }
                    }
                    previousX = px;
                    previousTop = top;
                    previousBottom = bottom;
                }
            }
            return score;
        }

        private void drawAxisLabels() {
            g.setColor(MUTED);
            g.setFont(labelFont);
            FontMetrics fm = g.getFontMetrics();
            double xLabelBaseline = footnoteOwnLine ? plot.getMaxY() + 58 * u : height - 22 * u;
            g.drawString(chart.xLabel(), (float) (plot.getCenterX() - fm.stringWidth(chart.xLabel()) / 2.0),
                    (float) xLabelBaseline);
            Graphics2D rotated = (Graphics2D) g.create();
            try {
                rotated.rotate(-Math.PI / 2);
                rotated.drawString(chart.yLabel(),
                        (float) (-plot.getCenterY() - rotated.getFontMetrics().stringWidth(chart.yLabel()) / 2.0),
                        (float) (32 * u));
            } finally {
                rotated.dispose();
            }
            g.setFont(footFont);
            String footnote = fit(chart.footnote(), plot.getWidth());
            double footBaseline = footnoteOwnLine ? height - 16 * u : height - 22 * u;
            g.drawString(footnote, (float) (plot.getMaxX() - g.getFontMetrics().stringWidth(footnote)),
                    (float) footBaseline);
        }
    }

    /** Maps data values to pixels, linearly or logarithmically, and proposes round ticks. */
    private record Axis(double min, double max, double fromPixel, double toPixel, boolean log) {
        double toPixel(double v) {
            double t = log ? (Math.log10(Math.max(v, Double.MIN_NORMAL)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (v - min) / (max - min);
            return fromPixel + t * (toPixel - fromPixel);
        }

        List<Double> ticks() {
            if (!log) {
                return NiceScale.ticks(min, max, 8);
            }
            int lowPower = (int) Math.floor(Math.log10(min));
            int highPower = (int) Math.ceil(Math.log10(max));
            int decades = highPower - lowPower;
            double[][] mantissaSets = {{1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
            List<Double> ticks = logTicks(lowPower, highPower, mantissaSets[0], 1);
            if (ticks.size() < 3) {
                ticks = logTicks(lowPower, highPower, mantissaSets[1], 1);
            }
            if (ticks.size() > 12) { // many decades: powers of ten only, every k-th
                ticks = logTicks(lowPower, highPower, new double[]{1}, Math.max(1, (int) Math.ceil(decades / 10.0)));
            }
            return ticks;
        }

        private List<Double> logTicks(int lowPower, int highPower, double[] mantissas, int everyPower) {
            List<Double> ticks = new ArrayList<>();
            for (int p = lowPower; p <= highPower; p++) {
                if (Math.floorMod(p, everyPower) != 0) {
                    continue;
                }
                for (double m : mantissas) {
                    double t = Double.parseDouble(m + "e" + p); // exact decimal, unlike m * 10^p
                    if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9)) {
                        ticks.add(t);
                    }
                }
            }
            return ticks;
        }

        /** Tick label: thousands separators for whole numbers, "1e-5" for very small or large log ticks. */
        String label(double v) {
            if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e7)) {
                String s = String.format(Locale.ROOT, "%.1e", v); // e.g. 2.0e-05
                String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.0$", "");
                int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
                return mantissa + "e" + exponent;
            }
            if (v == Math.rint(v)) {
                return String.format(Locale.ROOT, "%,d", (long) v);
            }
            return NiceScale.label(v);
        }
    }
}
