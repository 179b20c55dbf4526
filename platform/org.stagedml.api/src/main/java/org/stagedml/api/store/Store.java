package org.stagedml.api.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.Ref;
import org.stagedml.api.stage.Checkpoint;

/**
 * The content-addressed store (one DS service). Layout under {@link #root()}:
 * {@code store-v1/<dhash>-<name>/derivation.json}, {@code store-v1/<dhash>-<name>/<rhash>/},
 * {@code tmp/}, {@code locks/}, {@code roots/}, {@code logs/}. All methods are safe to call from
 * several threads and several processes sharing one root.
 */
@ProviderType
public interface Store {
    /** The store root (holds store-v1/, tmp/, locks/, roots/, logs/). */
    Path root();

    // ---- derivations -------------------------------------------------------------------------

    /** Writes derivation.json (read-only) if absent; idempotent; returns its DRef. */
    DRef addDerivation(Derivation derivation);

    Optional<Derivation> derivation(DRef dref);

    /** Every derivation in the store. */
    List<DRef> derivations();

    /** The derivations of one stage. */
    List<DRef> derivations(String stage);

    // ---- realizations ------------------------------------------------------------------------

    /** The realizations of a derivation, oldest first. */
    List<RealizationInfo> realizations(DRef dref);

    /** The realizations of every derivation of a stage, oldest first. */
    List<RealizationInfo> realizationsOf(String stage);

    Optional<RealizationInfo> realization(RRef rref);

    /** The folder of a realization; a StagedmlException naming the ref when it is not in the store. */
    Path path(RRef rref);

    /**
     * Starts a build of a derivation (which must have been added): an empty output folder under
     * {@code tmp/} on the store's filesystem, held live by this process until committed or closed.
     */
    PendingRealization begin(DRef dref) throws IOException;

    // ---- locks -------------------------------------------------------------------------------

    /**
     * Takes the per-derivation lock (across threads and processes), waiting at most {@code timeout}
     * (null: forever). Empty when the wait timed out. Interruptible.
     */
    Optional<StoreLock> lock(DRef dref, Duration timeout) throws IOException, InterruptedException;

    /**
     * Takes a temporary GC root on a derivation (which need not be in the store yet). Waits while a
     * gc or remove is deleting that derivation's realizations, so that whatever the caller lists
     * after this returns stays until the root is closed. Interruptible.
     */
    TempRoot addTempRoot(DRef dref) throws IOException, InterruptedException;

    // ---- references --------------------------------------------------------------------------

    /** The derivations a derivation's config names (direct dependencies). */
    Set<DRef> dependencies(DRef dref);

    /** The derivations whose configs name this one. */
    Set<DRef> dependents(DRef dref);

    /** The realizations whose context names this one. */
    Set<RRef> referrers(RRef rref);

    // ---- roots and GC ------------------------------------------------------------------------

    /** Adds (or replaces) a named GC root pointing to a DRef or RRef that exists. */
    void addRoot(String name, Ref ref) throws IOException;

    /** Removes a root; false when there was none of that name. */
    boolean removeRoot(String name) throws IOException;

    /**
     * Root name -> ref, sorted by name: the roots whose files can be read. A root file that cannot
     * be read (empty, not a ref, not a file) is left out here and listed by {@link #unreadableRoots()};
     * a listing for people shows both.
     */
    Map<String, Ref> roots();

    /**
     * Root name -> what is wrong with its file and how to fix it (the message names the file),
     * sorted by name; empty when every root can be read. While there is one, {@link #gc} (also a
     * dry run) and {@link #remove} without force refuse, and {@link #verify} reports it.
     *
     * @since 0.4
     */
    Map<String, String> unreadableRoots();

    /**
     * Removes everything no root reaches; with dryRun only reports. Also removes the checkpoints
     * ({@link #checkpoint}) of derivations it does not keep or that no longer exist, and those not
     * saved for longer than the store's configured age. Never touches locked or newer
     * work, nor what a {@link TempRoot} holds. Refuses (StagedmlException naming the root file and
     * the fix) while a root file cannot be read, or a derivation it keeps cannot be read: it would
     * delete what they keep.
     */
    GcReport gc(boolean dryRun) throws IOException;

    /**
     * Removes one realization, or a derivation with all its realizations. Refuses (StagedmlException
     * naming them) when others depend on it or a root points to it, and while a root file cannot be
     * read, unless {@code force} (which does not look at dependents nor roots).
     */
    void remove(Ref ref, boolean force) throws IOException;

    // ---- integrity and transport -------------------------------------------------------------

    /**
     * Recomputes hashes of the given realizations (all when empty) and reports each problem; also
     * reports every root file that cannot be read and, when verifying all, every derivation
     * document that cannot be read (problems without an rref, see {@link VerifyReport#storeProblems()}).
     */
    VerifyReport verify(Collection<RRef> rrefs) throws IOException;

    /** Writes the closure of a ref (derivations, realizations, their dependencies) as one archive. */
    void exportClosure(Ref ref, Path archive) throws IOException;

    /** Imports an archive written by {@link #exportClosure}; hashes are checked; returns what was added. */
    List<Ref> importArchive(Path archive) throws IOException;

    /**
     * Where failed builds' logs are kept (outside store-v1).
     *
     * @deprecated the folder is the store's business: use {@link #keepFailedLog} and {@link #failedLog}
     */
    @Deprecated
    Path failedLogs();

    // ---- what other bundles need of the layout (nobody else spells a store path) --------------

    /** The folder of a derivation (its derivation.json and realizations); a StagedmlException naming the ref when it is not in the store. */
    Path path(DRef dref);

    /**
     * A realization's output files, as paths relative to {@link #path(RRef)}, sorted: regular files
     * only, without what the store keeps beside the outputs (its context and metadata).
     */
    List<Path> outputFiles(RRef rref) throws IOException;

    /**
     * Whether a path relative to a realization's folder is the store's own (its context and
     * metadata) rather than an output: {@link #outputFiles} leaves these out, and a build may not
     * write outputs there.
     */
    boolean reserved(Path relative);

    /** The logs kept with a realization (absolute paths), the build log first; empty when none was kept. */
    List<Path> buildLogs(RRef rref) throws IOException;

    /**
     * Keeps the log of a build of {@code dref} that failed (outside the realizations, never collected
     * with them) and returns where it was kept.
     */
    Path keepFailedLog(DRef dref, Path log) throws IOException;

    /** The newest log kept by {@link #keepFailedLog} for this derivation. */
    Optional<Path> failedLog(DRef dref) throws IOException;

    /**
     * A folder beside the store for user-facing outputs of one kind (e.g. {@code plots}), created
     * when absent and marked as the store's; gc never looks into it. Kind {@code logs} is the store's
     * own folder of logs for people (it also keeps failed builds' logs). A StagedmlException when the
     * kind is not a simple name, or names another folder of the store or of the home around it.
     */
    Path userFolder(String kind) throws IOException;

    // ---- failed builds kept aside (--keep-failed) ----------------------------------------------

    /**
     * Moves the output folder of a build that failed (begun here, not committed) aside, outside the
     * store, with the derivation (its config), the dependency paths it had and its log (may be
     * null), like {@code nix-build --keep-failed}; the pending build is closed. Returns what was kept.
     *
     * @since 0.5
     */
    FailedBuild keepFailedBuild(PendingRealization pending, Map<DRef, List<RRef>> context, Path log) throws IOException;

    /** The failed builds kept aside, oldest first. @since 0.5 */
    List<FailedBuild> failedBuilds() throws IOException;

    /** Deletes a failed build kept aside; false when it was gone already. @since 0.5 */
    boolean removeFailedBuild(FailedBuild failed) throws IOException;

    /**
     * The notes recorded in a realization's metadata ({@link BuildMetadata#notes()}); empty when
     * none. A StagedmlException naming the ref when it is not in the store.
     *
     * @since 0.5
     */
    Map<String, String> notes(RRef rref) throws IOException;

    // ---- checkpoints of builds (resumable builds) ------------------------------------------------

    /**
     * The checkpoint area of a build of {@code dref} (instance as in {@code BuildContext.instance()}),
     * outside the realizations; it survives the build's death and is created on the first save. Use
     * it while holding the derivation's {@link #lock}. {@code warnings} receives what is ignored (a
     * checkpoint that is not whole) and why.
     *
     * @since 0.6
     */
    Checkpoint checkpoint(DRef dref, int instance, Consumer<String> warnings);

    /**
     * Deletes the checkpoints of every instance of a derivation (after a commit, for
     * {@code --fresh}, or with the derivation); returns how many instances had one. Call it while
     * holding the derivation's lock, or when no build of it runs.
     *
     * @since 0.6
     */
    int removeCheckpoints(DRef dref) throws IOException;

    /** The checkpoints kept, by derivation and instance. @since 0.6 */
    List<CheckpointInfo> checkpoints() throws IOException;
}
