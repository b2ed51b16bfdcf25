package dev.bnlab.ui;

import dev.bnlab.report.chart.ChartDefinition;
import javafx.scene.Node;
import javafx.scene.layout.HBox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Charts side by side, one per variant, drawn from one list of definitions (built once, off the FX thread, for
 * all of them: the panels share one y range that only the whole list knows).
 */
final class PanelRow {
    private final HBox root = new HBox(14);
    private final List<ChartPanel> panels = new ArrayList<>();
    private final boolean titled;

    PanelRow(boolean titled) {
        this.titled = titled;
        root.setMinSize(0, 0);
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
            root.getChildren().setAll(panels.stream().map(ChartPanel::node).toList());
        }
        Supplier<List<ChartDefinition>> once = new Once(build);
        for (int i = 0; i < count; i++) {
            int panel = i;
            panels.get(i).show(() -> once.get().get(panel));
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
