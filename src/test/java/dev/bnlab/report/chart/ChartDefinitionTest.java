package dev.bnlab.report.chart;

import dev.bnlab.report.chart.ChartDefinition.Band;
import dev.bnlab.report.chart.ChartDefinition.LegendEntry;
import dev.bnlab.report.chart.ChartDefinition.Line;
import dev.bnlab.report.chart.ChartDefinition.Range;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartDefinitionTest {
    private static ChartDefinition chart(boolean logY, ChartDefinition.Layer... layers) {
        return new ChartDefinition("t", "s", "x", "y", logY, List.of(layers), List.of(), List.of(), "");
    }

    @Test
    void paletteIsOkabeItoWithYellowLastAndCycles() {
        assertThat(List.of(Palette.hex(0), Palette.hex(1), Palette.hex(2), Palette.hex(3), Palette.hex(4),
                Palette.hex(5), Palette.hex(6), Palette.hex(7)))
                .containsExactly("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442");
        assertThat(Palette.hex(8)).isEqualTo(Palette.hex(0));
        assertThat(Palette.hex(-1)).isEqualTo("#F0E442");
        assertThat(Palette.awt(1).getRGB() & 0xFFFFFF).isEqualTo(0x0072B2);
    }

    @Test
    void rangesCoverEveryLayerAndSkipNonPositiveValuesOnALogAxis() {
        Band band = new Band("#D55E00", 0.2, new double[]{1, 2, 3, Double.NaN}, new double[]{-0.5, 0.001, 1, 7},
                new double[]{4, 5, 6, 70});
        Line line = new Line("#0072B2", 1, 2, new double[]{0.5, 10}, new double[]{Double.NaN, 8});
        ChartDefinition linear = chart(false, band, line);
        assertThat(linear.yRange()).isEqualTo(new Range(-0.5, 8)); // 70 sits at x = NaN: not drawn, not counted
        assertThat(linear.xRange()).isEqualTo(new Range(1, 10)); // x = 0.5 has no y
        assertThat(linear.yAxisRange().min()).isLessThan(-0.5);
        assertThat(linear.yAxisRange().max()).isEqualTo(8 * 1.05);

        ChartDefinition log = chart(true, band, line);
        assertThat(log.yRange()).isEqualTo(new Range(0.001, 8));
        assertThat(log.yAxisRange().min()).isBetween(0.0001, 0.001);
        assertThat(log.yAxisRange().max()).isGreaterThan(8);

        ChartDefinition empty = chart(true);
        assertThat(empty.yRange().isEmpty()).isTrue();
        assertThat(empty.xAxisRange()).isEqualTo(new Range(0, 1));
        assertThat(chart(false).yAxisRange()).isEqualTo(new Range(0, 1));
    }

    @Test
    void arraysAndListsAreCopiedInAndOut() {
        double[] x = {1, 2};
        double[] y = {3, 4};
        Line line = new Line("#000000", 1, 1, x, y);
        x[0] = 100;
        y[0] = 100;
        line.y()[1] = 100;
        assertThat(line.x()).containsExactly(1, 2);
        assertThat(line.y()).containsExactly(3, 4);
        assertThat(line).isEqualTo(new Line("#000000", 1, 1, new double[]{1, 2}, new double[]{3, 4}));

        List<ChartDefinition.Layer> layers = new ArrayList<>(List.of(line));
        ChartDefinition c = new ChartDefinition("t", null, "x", "y", false, layers, List.of(), List.of(), null);
        layers.clear();
        assertThat(c.layers()).hasSize(1);
        assertThat(c.subtitle()).isEmpty();
    }

    @Test
    void badStylesAndShapesAreRejected() {
        assertThatThrownBy(() -> new Line("red", 1, 1, new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Line("#000000", 1.5, 1, new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Line("#000000", 1, 0, new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Band("#000000", 0.2, new double[2], new double[2], new double[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LegendEntry("a", "#12345", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
