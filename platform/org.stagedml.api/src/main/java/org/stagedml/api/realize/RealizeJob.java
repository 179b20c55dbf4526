package org.stagedml.api.realize;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;

/** A realize in progress. */
@ProviderType
public interface RealizeJob {
    /** An id unique in this JVM, carried by the job's events. */
    long id();

    /** The closure being realized. */
    Closure closure();

    /**
     * Waits for the end: the target's selected realizations. Throws the StagedmlException that
     * stopped it (BuildFailedException, CancelledException ...).
     */
    List<RRef> await() throws InterruptedException;

    /** Cancels: running builds stop, their temporary folders are removed, locks released. */
    void cancel();

    boolean isDone();

    /** For each derivation realized so far, the realizations selected for it. */
    Map<DRef, List<RRef>> selected();

    /** In a dry run (or after the fact), the derivations that were, or would be, built. */
    List<DRef> built();
}
