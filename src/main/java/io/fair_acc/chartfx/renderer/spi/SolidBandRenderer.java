package io.fair_acc.chartfx.renderer.spi;

import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.ui.css.DataSetNode;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.shape.FillRule;

/**
 * BN Lab's band renderer: chart-fx's {@link ErrorDataSetRenderer} drawing each data set's error surface as a
 * solid, translucent area in the data set's line colour (alpha included), with no line on top: the mean line
 * is its own data set. chart-fx 11.3.1 always fills error surfaces with a hatch pattern; the points it
 * caches for drawing are package-private, hence this class's package.
 */
public class SolidBandRenderer extends ErrorDataSetRenderer {

    public SolidBandRenderer() {
        setErrorStyle(ErrorStyle.ERRORSURFACE);
        setDrawMarker(false);
        setPolyLineStyle(LineStyle.NONE);
        setAllowNaNs(true);
        setPointReduction(false);
    }

    @Override
    protected void drawErrorSurface(GraphicsContext gc, DataSetNode style, CachedDataPoints points) {
        fill(gc, style, points);
    }

    @Override
    protected void drawErrorSurfaceNaNCompatible(GraphicsContext gc, DataSetNode style, CachedDataPoints points) {
        fill(gc, style, points);
    }

    /** Fills each run of finite points between the lower and upper edge as one polygon. */
    private static void fill(GraphicsContext gc, DataSetNode style, CachedDataPoints points) {
        gc.setFill(style.getLineColor());
        gc.setFillRule(FillRule.NON_ZERO);
        int n = points.actualDataCount;
        double[] xs = new double[2 * n];
        double[] ys = new double[2 * n];
        int count = 0;
        for (int i = 0; i <= n; i++) {
            boolean finite = i < n && Double.isFinite(points.xValues[i]) && Double.isFinite(points.errorYNeg[i])
                    && Double.isFinite(points.errorYPos[i]);
            if (finite) {
                count++;
                continue;
            }
            if (count >= 2) {
                int start = i - count;
                for (int k = 0; k < count; k++) {
                    xs[k] = points.xValues[start + k];
                    ys[k] = points.errorYPos[start + k];
                    xs[2 * count - 1 - k] = points.xValues[start + k];
                    ys[2 * count - 1 - k] = points.errorYNeg[start + k];
                }
                gc.fillPolygon(xs, ys, 2 * count);
            }
            count = 0;
        }
    }
}
