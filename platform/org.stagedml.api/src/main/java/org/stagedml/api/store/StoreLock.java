package org.stagedml.api.store;

import org.stagedml.api.DRef;

/** A held per-derivation lock; {@link #close()} releases it. */
public interface StoreLock extends AutoCloseable {
    DRef dref();

    @Override
    void close();
}
