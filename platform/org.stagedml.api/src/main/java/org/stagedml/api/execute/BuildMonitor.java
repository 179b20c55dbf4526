package org.stagedml.api.execute;

import org.osgi.annotation.versioning.ProviderType;

/** What an executor reports of a build while it runs; the realizer turns it into realize events. */
@ProviderType
public interface BuildMonitor {
    /** The start of the realize LOG events that carry an executor's state changes (shells print them). */
    String STATE_PREFIX = "[executor] ";

    /** A state change, said for a person: "pending", "running on node7", "done", "failed: ...". */
    void state(String line);

    /** A line of the build's own log (its progress and log lines, as the remote side printed them). */
    void log(String line);
}
