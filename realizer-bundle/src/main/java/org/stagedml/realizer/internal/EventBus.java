package org.stagedml.realizer.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.api.realize.RealizeListener;

/** Delivers realize events to the RealizeListener services and a job's own listener; a listener that throws is logged and ignored. */
final class EventBus {
    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());
    private final List<RealizeListener> listeners = new CopyOnWriteArrayList<>();

    void add(RealizeListener l) {
        listeners.add(l);
    }

    void remove(RealizeListener l) {
        listeners.remove(l);
    }

    void publish(RealizeEvent event, RealizeListener jobListener) {
        if (jobListener != null) {
            deliver(jobListener, event);
        }
        for (RealizeListener l : listeners) {
            deliver(l, event);
        }
    }

    private static void deliver(RealizeListener l, RealizeEvent event) {
        try {
            l.onEvent(event);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "realize listener " + l + " threw on " + event.type()
                    + " of " + event.dref() + "; ignored: " + t);
        }
    }
}
