package org.stagedml.api.store;

import org.stagedml.api.DRef;

/**
 * A temporary GC root on one derivation, held by a running process (like Nix's temporary roots).
 * While it is open, in this process or any other sharing the store, gc and remove leave the
 * derivation, all its realizations and everything they depend on alone. Any number of holders may
 * hold one at once. A process that dies lets go of its temporary roots by itself.
 * {@link #close()} lets go of it.
 */
public interface TempRoot extends AutoCloseable {
    DRef dref();

    @Override
    void close();
}
