/**
 * The file-system implementation of the StagedML store ({@link org.stagedml.store.internal.FileStore})
 * and its thin DS wrapper ({@link org.stagedml.store.internal.StoreComponent}).
 *
 * <p>How it stays consistent: derivations and realizations are written in {@code tmp/} on the
 * store's filesystem and appear in {@code store-v1/} through one atomic rename, so a reader (or a
 * process killed at any point) sees either nothing or a complete, read-only folder. A build in
 * progress holds a file lock on {@code tmp/<id>.lock}; the {@link org.stagedml.store.internal.Janitor}
 * removes only the tmp folders whose lock it can take. Per-derivation locks combine an in-JVM
 * semaphore with a file lock under {@code locks/} because one JVM cannot hold two overlapping file
 * locks, and closing any channel on a file drops all of the process's locks on it.
 *
 * <p>GC keeps the closure of the roots plus everything a locked derivation or a live build may
 * read; it skips derivations whose lock it cannot take and anything newer than its start. The
 * protocol that makes this safe for a builder: take the derivation lock, (re-)add the derivation,
 * build and commit, root or use the result, release the lock. A commit's final rename happens under
 * the derivation lock (taken for it unless a builder of this JVM already holds it). A realize
 * holds a temporary root ({@link org.stagedml.store.internal.TempRootLocks}: a shared one-byte lock
 * per derivation under {@code locks/temp-roots/}) on every derivation it has listed, until it
 * ends; gc and remove take that byte exclusively, without waiting, under the derivation lock
 * before deleting, and skip what is held.
 *
 * <p>Durability ({@link org.stagedml.store.internal.Sync}): what a rename publishes is fsynced
 * before it, and the folder it lands in after it (realizations, derivations, roots, VERSION), unless
 * the store runs without fsync ({@link org.stagedml.store.internal.StoreOptions}). Roots
 * ({@link org.stagedml.store.internal.RootFiles}): a root file that cannot be read stops gc and
 * remove instead of counting as no root. Dependencies are {@code Config.dependencies()}, the
 * realizer's definition. The store knows only its own folders and its marked user folders; what
 * else may sit in the root is told ({@code StoreOptions.homeEntries}).
 *
 * <p>A realization's output hash is sha256 over its sorted manifest: one line per path (type, content
 * hash, path) for every entry except {@code _meta/}; {@code context.json} is an ordinary entry. The
 * folder name is its first 32 hex digits; {@code _meta/manifest.json} keeps the lines so that
 * {@code verify} can name the corrupted file.
 *
 * <p>Checkpoints of unfinished builds ({@link org.stagedml.store.internal.Checkpoints}) live in
 * {@code checkpoints/<dhash>-<name>/<instance>/}, outside {@code store-v1/} and {@code tmp/}: each
 * is sealed by a manifest with the same tree hash and published by a rename to a fresh name
 * ({@link org.stagedml.store.internal.CheckpointArea}); gc removes them with the derivations it
 * removes, and by age ({@link org.stagedml.store.internal.GcCheckpoints}).
 */
package org.stagedml.store.internal;
