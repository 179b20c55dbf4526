package org.stagedml.model.bert.internal;

import java.io.IOException;
import java.util.Map;

/** Where a fine-tuning run reports: a build context in the stage, a plain object in tests. */
interface TrainingSink {
    void progress(double fraction, String message);

    void log(String line);

    /** Throws when the run must stop. */
    void checkCancelled();

    /** One line of history.jsonl. */
    void history(Map<String, ?> record) throws IOException;
}
