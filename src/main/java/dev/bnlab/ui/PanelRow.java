package dev.bnlab.ui;

import dev.bnlab.report.chart.ChartDefinition;
import javafx.scene.Node;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Charts side by side, one per variant, drawn from one list of definitions (built once, off the FX thread, for
 * all of them: the panels share one y range that only the whole list knows).
 */
final class PanelRow {
    /** A column per panel, a row per part (title, legend, chart, ...): the plots line up. */
    private final GridPane root = new GridPane();
    private final List<ChartPanel> panels = new ArrayList<>();
    private final boolean titled;

    PanelRow(boolean titled) {
        this.titled = titled;
        root.setMinSize(0, 0);
        root.setHgap(14);
        root.setVgap(2);
    }

    Node node() {
        return root;
    }

    /** Draws the {@code count} definitions {@code build} makes; FX thread (the build runs on the chart thread). */
    void show(int count, Supplier<List<ChartDefinition>> build) {
        if (panels.size() != count) {
            clear();
            panels.clear();
            for (int i = 0; i < count; i++) {
                panels.add(new ChartPanel(titled));
            }
            layOut();
        }
        Supplier<List<ChartDefinition>> once = new Once(build);
        for (int i = 0; i < count; i++) {
            int panel = i;
            panels.get(i).show(() -> once.get().get(panel));
        }
    }

    private void layOut() {
        root.getChildren().clear();
        root.getColumnConstraints().clear();
        root.getRowConstraints().clear();
        for (int c = 0; c < panels.size(); c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / panels.size());
            column.setHgrow(Priority.ALWAYS);
            column.setMinWidth(0);
            root.getColumnConstraints().add(column);
            List<Node> parts = panels.get(c).parts();
            for (int r = 0; r < parts.size(); r++) {
                root.add(parts.get(r), c, r);
            }
        }
        if (!panels.isEmpty()) {
            for (int r = 0; r < panels.get(0).parts().size(); r++) {
                RowConstraints row = new RowConstraints();
                boolean chart = r == panels.get(0).chartPart();
                row.setVgrow(chart ? Priority.ALWAYS : Priority.NEVER);
                if (chart) {
                    row.setMinHeight(0);
                }
                root.getRowConstraints().add(row);
            }
        }
    }

    void clear() {
        panels.forEach(ChartPanel::clear);
    }

    /** FX thread, every frame: the words follow what was drawn. */
    void refresh() {
        panels.forEach(ChartPanel::refresh);
    }

    /** The definitions last drawn, one per panel (null where none yet). */
    List<ChartDefinition> shown() {
        return panels.stream().map(p -> p.chart().shown()).toList();
    }

    List<LiveChart> charts() {
        return panels.stream().map(ChartPanel::chart).toList();
    }

    /** The panels' definitions, built by the first panel that asks and reused by the others. */
    private static final class Once implements Supplier<List<ChartDefinition>> {
        private final Supplier<List<ChartDefinition>> build;
        private List<ChartDefinition> built;

        Once(Supplier<List<ChartDefinition>> build) {
            this.build = build;
        }

        @Override
        public synchronized List<ChartDefinition> get() {
            if (built == null) {
                built = build.get();
            }
            return built;
        }
    }
}
