package org.stagedml.api.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;
import org.stagedml.api.stage.BuildContext;

/**
 * Where a training loop reports to, and how it learns that it should stop. Trainers take one so
 * that they run without a build too (tests record what they report); {@link #of(BuildContext)}
 * reports to a stage's build.
 */
@ConsumerType
public interface TrainingMonitor {
    /** True once training should stop; checked before every batch. */
    boolean cancelled();

    void progress(double fraction, String message);

    /** One record for history.jsonl. */
    void history(Map<String, ?> record);

    void log(String line);

    /** A monitor that reports to a build: its progress, log, history.jsonl and cancellation. */
    static TrainingMonitor of(BuildContext b) {
        return new TrainingMonitor() {
            @Override
            public boolean cancelled() {
                return b.cancelled();
            }

            @Override
            public void progress(double fraction, String message) {
                b.progress(fraction, message);
            }

            @Override
            public void history(Map<String, ?> record) {
                try {
                    b.appendHistory(record);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void log(String line) {
                b.log(line);
            }
        };
    }
}
