package dev.bnlab.ui;

import dev.bnlab.experiment.ExperimentEvent;
import dev.bnlab.experiment.ExperimentListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The window's subscription to one experiment. Training threads only enqueue here (never
 * {@code Platform.runLater}); the window drains the queue once per frame, so however fast iterations come,
 * the UI updates at most once per frame.
 */
final class UiEventQueue implements ExperimentListener {
    private final ConcurrentLinkedQueue<ExperimentEvent> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void onEvent(ExperimentEvent event) {
        queue.add(event);
    }

    List<ExperimentEvent> drain() {
        List<ExperimentEvent> events = new ArrayList<>();
        for (ExperimentEvent e; (e = queue.poll()) != null; ) {
            events.add(e);
        }
        return events;
    }
}
