package dev.bnlab.ui;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Both chart implementations draw a 50-epoch history (46,900 points per run) as about one point per pixel. */
@ExtendWith(ApplicationExtension.class)
class LossChartViewTest {
    private StackPane holder;

    @Start
    void start(Stage stage) {
        holder = new StackPane();
        stage.setScene(new Scene(holder, 1200, 600));
        stage.show();
    }

    private static float[] history(int n, long seed) {
        Random random = new Random(seed);
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            scores[i] = (float) (2.3 * Math.exp(-i / 2_000.0) + 0.05 + 0.1 * random.nextDouble());
        }
        return scores;
    }

    @Test
    void chartFxReducesALongHistoryToAboutOnePointPerPixel(FxRobot robot) throws Exception {
        checkReduction(robot, WaitForAsyncUtils.asyncFx(ChartFxLossChart::new).get(10, TimeUnit.SECONDS));
    }

    @Test
    void lineChartReducesALongHistoryToAboutOnePointPerPixel(FxRobot robot) throws Exception {
        checkReduction(robot, WaitForAsyncUtils.asyncFx(LiveLossChart::new).get(10, TimeUnit.SECONDS));
    }

    private void checkReduction(FxRobot robot, LossChartView chart) throws Exception {
        List<float[]> scores = List.of(history(46_900, 1), history(46_900, 2));
        int[] epochEnds = new int[49];
        for (int e = 0; e < epochEnds.length; e++) {
            epochEnds[e] = 938 * (e + 1);
        }
        robot.interact(() -> {
            holder.getChildren().setAll(chart.node());
            chart.reset(2);
        });
        robot.interact(() -> chart.update(scores, epochEnds, 0.6));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> chart.pointsDrawn() > 0 && chart.pointsInSeries(3) > 0);

        // 1200 px wide: ~400 buckets of 3 px, the raw band draws each bucket's max and min
        for (int series = 0; series < 4; series++) {
            assertThat(chart.pointsInSeries(series)).isBetween(200, 2 * 400 + 2);
        }
        assertThat(chart.pointsDrawn()).isLessThan(4 * 1_000).isGreaterThan(1_000);
    }
}
