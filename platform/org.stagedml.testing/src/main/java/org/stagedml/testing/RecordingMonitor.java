package org.stagedml.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.stagedml.api.train.TrainingMonitor;

/** A training monitor for trainer tests: collects what the trainer reports; cancels once a given number of batches have run. */
public final class RecordingMonitor implements TrainingMonitor {
    public final List<Map<String, ?>> history = new ArrayList<>();
    /** Progress reports so far (one per batch). */
    public final AtomicInteger batches = new AtomicInteger();
    /** Runs at every cancellation check, e.g. a {@link Rendezvous#party()} to meet other trainings. */
    public volatile Runnable onCheck = () -> { };
    private final int cancelAfter;

    /** Cancels after {@code cancelAfter} batches; {@link Integer#MAX_VALUE} never cancels. */
    public RecordingMonitor(int cancelAfter) {
        this.cancelAfter = cancelAfter;
    }

    @Override
    public boolean cancelled() {
        onCheck.run();
        return batches.get() >= cancelAfter;
    }

    @Override
    public void progress(double fraction, String message) {
        batches.incrementAndGet();
    }

    @Override
    public void history(Map<String, ?> record) {
        history.add(record);
    }

    @Override
    public void log(String line) {
    }
}
