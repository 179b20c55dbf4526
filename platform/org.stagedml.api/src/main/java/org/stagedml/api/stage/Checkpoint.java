package org.stagedml.api.stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The checkpoint area of one build ({@link BuildContext#checkpoint()}): where a long build saves what
 * it needs to resume (model, optimizer state, random state, position in the data), so that when it
 * is killed the next build of the same derivation and instance goes on from there instead of from
 * zero. It lies outside the store's realizations and never becomes one; it survives the build's
 * death, and is deleted when the build commits, by {@code store:gc} (checkpoints of derivations
 * nothing needs, and old ones) and by {@code stage:realize --fresh}. The derivation's lock keeps two
 * builds from using one area at once.
 *
 * <p>A checkpoint is whole or absent: {@link #save} fills a fresh folder, seals it with a manifest
 * (a hash over its files) and renames it into place; {@link #last} ignores, with a warning in the
 * build log, a checkpoint whose manifest is missing or does not match its files. What a resumed build
 * outputs must not depend on where it resumed: it says so in its metadata instead, by
 * {@code note(RESUMED_FROM, "step 7")}, which {@code store:show} prints as {@code resumed from step 7}.
 */
@ProviderType
public interface Checkpoint {
    /** The note key ({@link BuildContext#note}) of where a build resumed, e.g. {@code step 7} or {@code epoch 2}. */
    String RESUMED_FROM = "resumed-from";

    /**
     * The folder of the last whole checkpoint (read it, do not change it), empty when there is none.
     * Checks the checkpoint's files against its manifest; a checkpoint that fails is ignored with a
     * warning and deleted.
     */
    Optional<Path> last() throws IOException;

    /**
     * Saves a checkpoint: {@code writer} fills a fresh empty folder; when it returns the folder is
     * sealed and replaces the last checkpoint in one rename. A writer that throws (or a process that
     * dies meanwhile) leaves the last checkpoint as it was. Returns the new checkpoint's folder.
     */
    Path save(Writer writer) throws IOException;

    /** Deletes every checkpoint of this area. */
    void clear() throws IOException;

    /** Writes a checkpoint's files into a folder. */
    @FunctionalInterface
    interface Writer {
        void write(Path folder) throws IOException;
    }

    /** An area that keeps nothing: last() is always empty and save() writes into a folder it then deletes. */
    static Checkpoint none() {
        return NoCheckpoint.INSTANCE;
    }
}
