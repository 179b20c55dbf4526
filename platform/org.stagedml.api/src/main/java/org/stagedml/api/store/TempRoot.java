package org.stagedml.api.store;

import org.stagedml.api.DRef;

/**
 * A temporary GC root on one derivation, held by a running process (like Nix's temporary roots).
 * While it is open, gc and remove (in this process or any other sharing the store) leave that
 * derivation and all its realizations alone. It does not reach further: whoever reads what a
 * realization depends on holds temporary roots on those derivations too (the realizer holds one on
 * every derivation of the closure it realizes, from before it lists its realizations until the
 * realize ends). Any number of holders may hold one at once; a process that dies lets go of its
 * temporary roots by itself. {@link #close()} lets go of it.
 */
public interface TempRoot extends AutoCloseable {
    DRef dref();

    @Override
    void close();
}
