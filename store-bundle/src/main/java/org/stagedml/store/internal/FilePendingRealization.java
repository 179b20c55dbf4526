package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.BuildMetadata;
import org.stagedml.api.store.PendingRealization;

/**
 * A build folder {@code tmp/<dhash>-<name>~<random>/}, kept alive by a file lock on the sibling
 * {@code .lock} file. Commit: check promises, write context.json and {@code _meta/}, hash, make
 * read-only, rename into {@code store-v1/<dhash>-<name>/<rhash>} in one step. Every step before the
 * rename happens in tmp/, so a process killed at any point leaves an orphan the janitor removes.
 */
final class FilePendingRealization implements PendingRealization {
    private final FileStore store;
    private final DRef dref;
    private final TmpFolder folder;
    private final Path dir;
    private final Instant started = Instant.now();
    private boolean finished;

    private FilePendingRealization(FileStore store, DRef dref, TmpFolder folder) {
        this.store = store;
        this.dref = dref;
        this.folder = folder;
        this.dir = folder.dir();
    }

    static FilePendingRealization start(FileStore store, DRef dref) throws IOException {
        TmpFolder folder = TmpFolder.create(store.layout.tmp, dref.folderName());
        try {
            Files.createDirectory(folder.dir().resolve(TreeHasher.META));
        } catch (IOException e) {
            folder.close();
            throw e;
        }
        return new FilePendingRealization(store, dref, folder);
    }

    @Override
    public DRef dref() {
        return dref;
    }

    @Override
    public Path out() {
        return dir;
    }

    @Override
    public Path meta() {
        return dir.resolve(TreeHasher.META);
    }

    @Override
    public synchronized RRef commit(Map<DRef, List<RRef>> context, List<String> promises, BuildMetadata metadata)
            throws IOException {
        if (finished) {
            throw new IllegalStateException("this build of " + dref + " was already committed or closed");
        }
        if (!Files.isDirectory(dir)) {
            throw new StagedmlException("the build folder of " + dref + " vanished: " + dir);
        }
        checkPromises(promises == null ? List.of() : promises);
        Map<DRef, List<RRef>> ctx = context == null ? Map.of() : context;
        checkContext(ctx);

        Files.writeString(dir.resolve(RealizationFiles.CONTEXT), RealizationFiles.contextJson(ctx), StandardCharsets.UTF_8);
        Files.createDirectories(meta());
        TreeHasher.Manifest manifest = TreeHasher.hash(dir);
        long size = manifest.bytes() + FileTrees.size(meta()); // outputs, context.json and logs
        Instant now = Instant.now();
        BuildMetadata m = metadata == null ? new BuildMetadata(0, "", "", started, Map.of()) : metadata;
        Files.write(meta().resolve("meta.json"), RealizationFiles.metaJson(m, now, size));
        Files.write(dir.resolve(RealizationFiles.MANIFEST_JSON), RealizationFiles.manifestJson(manifest));

        RRef rref = RRef.of(manifest.hash().substring(0, 32), dref);
        store.publish(dir, rref); // false: an identical realization is there already (deduplicated)
        release();
        return rref;
    }

    private void checkPromises(List<String> promises) {
        List<String> missing = new ArrayList<>();
        for (String p : promises) {
            Path resolved = dir.resolve(p).normalize();
            if (p.isEmpty() || !resolved.startsWith(dir) || !Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw new StagedmlException("build of " + dref + " did not produce its promised outputs "
                    + String.join(", ", missing) + "; nothing was committed");
        }
    }

    private void checkContext(Map<DRef, List<RRef>> context) {
        for (Map.Entry<DRef, List<RRef>> e : context.entrySet()) {
            for (RRef r : e.getValue()) {
                if (!r.dref().equals(e.getKey())) {
                    throw new StagedmlException("context of " + dref + " lists " + r + " under " + e.getKey()
                            + ", which is not its derivation");
                }
                if (!store.exists(r)) {
                    throw new StagedmlException("context of " + dref + " names " + r
                            + ", which is not in the store; nothing was committed");
                }
            }
        }
    }

    /**
     * Moves the build folder (not committed) to {@code target} on the same filesystem, then lets go
     * of it like {@link #close}: a failed build kept aside.
     */
    synchronized void moveAside(Path target) throws IOException {
        if (finished) {
            throw new IllegalStateException("this build of " + dref + " was already committed or closed");
        }
        Files.move(dir, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        release();
    }

    /** Removes the build folder (if still in tmp/) and the lock file, then releases the lock. */
    private void release() throws IOException {
        finished = true;
        folder.close();
    }

    @Override
    public synchronized void close() throws IOException {
        if (!finished) {
            release();
        }
    }

    @Override
    public String toString() {
        return "build of " + dref + " in " + dir;
    }
}
