package org.stagedml.store.internal;

import java.time.Duration;
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
 * @param checkpointMaxAge gc removes build checkpoints not saved for longer than this (null: never by age)
 */
public record StoreOptions(boolean fsync, Set<String> homeEntries, StoreLog log, Duration checkpointMaxAge) {
    /** How long gc keeps a checkpoint of a derivation it keeps, by default. */
    public static final Duration DEFAULT_CHECKPOINT_MAX_AGE = Duration.ofDays(7);
    /** fsync on, no entries beside the store, no log. */
    public static final StoreOptions DEFAULTS = new StoreOptions(true, Set.of(), StoreLog.NONE);

    public StoreOptions(boolean fsync, Set<String> homeEntries, StoreLog log) {
        this(fsync, homeEntries, log, DEFAULT_CHECKPOINT_MAX_AGE);
    }

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
        if (checkpointMaxAge != null && (checkpointMaxAge.isNegative() || checkpointMaxAge.isZero())) {
            checkpointMaxAge = null;
        }
    }

    public StoreOptions withFsync(boolean on) {
        return new StoreOptions(on, homeEntries, log, checkpointMaxAge);
    }

    public StoreOptions withHomeEntries(Collection<String> entries) {
        return new StoreOptions(fsync, Set.copyOf(entries), log, checkpointMaxAge);
    }

    public StoreOptions withLog(StoreLog l) {
        return new StoreOptions(fsync, homeEntries, l, checkpointMaxAge);
    }

    /** gc removes checkpoints older than this (null, zero or negative: never by age). */
    public StoreOptions withCheckpointMaxAge(Duration age) {
        return new StoreOptions(fsync, homeEntries, log, age);
    }
}
