package dev.bnlab.experiment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivers events to every subscriber, one at a time; a failing subscriber is logged, never fatal. */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private final List<ExperimentListener> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(ExperimentListener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(ExperimentListener listener) {
        listeners.remove(listener);
    }

    public synchronized void publish(ExperimentEvent event) {
        for (ExperimentListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("A subscriber failed on {}: {}", event.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }
}
