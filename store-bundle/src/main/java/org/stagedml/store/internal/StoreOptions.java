package org.stagedml.store.internal;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.stagedml.api.Names;
import org.stagedml.api.StagedmlException;

/**
 * How a {@link FileStore} behaves beyond its root.
 *
 * @param fsync whether commits, derivations, roots and the format file are fsynced (see {@link Sync});
 *        off only for scratch stores that need not survive a power cut
 * @param homeEntries names of folders that whoever shares the root keeps beside the store (the
 *        StagedML home's {@code bundles}, {@code config} ...): opening a root that has no store
 *        yet accepts these and refuses any other entry it does not own
 * @param log where the store reports what an operator wants to know
 */
public record StoreOptions(boolean fsync, Set<String> homeEntries, StoreLog log) {
    /** fsync on, no entries beside the store, no log. */
    public static final StoreOptions DEFAULTS = new StoreOptions(true, Set.of(), StoreLog.NONE);

    public StoreOptions {
        Set<String> entries = new TreeSet<>();
        for (String e : homeEntries == null ? Set.<String>of() : homeEntries) {
            String name = e == null ? "" : e.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!Names.STAGE_NAME.matcher(name).matches()) {
                throw new StagedmlException("invalid home entry '" + name
                        + "': give folder names of the store root (letters, digits, '_', '.', '-')");
            }
            entries.add(name);
        }
        homeEntries = Set.copyOf(entries);
        log = log == null ? StoreLog.NONE : log;
    }

    public StoreOptions withFsync(boolean on) {
        return new StoreOptions(on, homeEntries, log);
    }

    public StoreOptions withHomeEntries(Collection<String> entries) {
        return new StoreOptions(fsync, Set.copyOf(entries), log);
    }

    public StoreOptions withLog(StoreLog l) {
        return new StoreOptions(fsync, homeEntries, l);
    }
}
