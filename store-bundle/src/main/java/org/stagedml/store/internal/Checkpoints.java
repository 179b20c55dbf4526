package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stagedml.api.DRef;
import org.stagedml.api.store.CheckpointInfo;

/**
 * The store's folder of build checkpoints, {@code checkpoints/<dhash>-<name>/<instance>/} (see
 * {@link CheckpointArea}): outside {@code store-v1/}, so never hashed, verified or exported with
 * the realizations, and outside {@code tmp/}, so that the janitor does not take a killed build's
 * checkpoint for an orphan.
 */
final class Checkpoints {
    private final Path top;
    private final Sync sync;

    Checkpoints(Path top, Sync sync) {
        this.top = top;
        this.sync = sync;
    }

    CheckpointArea area(DRef dref, int instance, Consumer<String> warnings) {
        if (instance < 0) {
            throw new IllegalArgumentException("an instance is 0 or more, got " + instance);
        }
        return new CheckpointArea(folder(dref).resolve(Integer.toString(instance)), dref, instance, sync, warnings);
    }

    private Path folder(DRef dref) {
        return top.resolve(dref.folderName());
    }

    /** Deletes every instance's checkpoints of a derivation; how many instances had a whole one. */
    int removeAll(DRef dref) throws IOException {
        int n = 0;
        for (CheckpointInfo c : list()) {
            n += c.dref().equals(dref) ? 1 : 0;
        }
        FileTrees.deleteTree(folder(dref));
        return n;
    }

    /** The derivations that have a folder of checkpoints (some may hold only a save cut short). */
    List<DRef> derivations() throws IOException {
        List<DRef> found = new ArrayList<>();
        if (Files.isDirectory(top)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(top)) {
                for (Path d : ds) {
                    DRef dref = StoreLayout.parseFolder(d.getFileName().toString());
                    if (dref != null && Files.isDirectory(d)) {
                        found.add(dref);
                    }
                }
            }
        }
        return found;
    }

    /** Deletes the checkpoints of one instance. */
    void remove(CheckpointInfo c) throws IOException {
        area(c.dref(), c.instance(), null).clear();
    }

    /** The newest sealed checkpoint of each derivation and instance (not verified: that reads every file). */
    List<CheckpointInfo> list() throws IOException {
        List<CheckpointInfo> found = new ArrayList<>();
        if (!Files.isDirectory(top)) {
            return found;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(top)) {
            for (Path d : ds) {
                DRef dref = StoreLayout.parseFolder(d.getFileName().toString());
                if (dref == null || !Files.isDirectory(d)) {
                    continue;
                }
                try (DirectoryStream<Path> is = Files.newDirectoryStream(d)) {
                    for (Path i : is) {
                        CheckpointInfo info = info(dref, i);
                        if (info != null) {
                            found.add(info);
                        }
                    }
                } catch (NoSuchFileException e) {
                    // removed meanwhile (a commit, gc, --fresh)
                }
            }
        }
        found.sort((a, b) -> a.dref().equals(b.dref()) ? Integer.compare(a.instance(), b.instance())
                : a.dref().toString().compareTo(b.dref().toString()));
        return found;
    }

    /**
     * The newest sealed checkpoint of one instance folder, null when it has none. A build of another
     * process may save meanwhile (deleting the older checkpoint just read): then it looks again.
     */
    private static CheckpointInfo info(DRef dref, Path folder) throws IOException {
        int instance = instance(folder);
        for (int attempt = 0; instance >= 0; attempt++) {
            try {
                List<Path> whole = CheckpointArea.whole(folder);
                if (whole.isEmpty()) {
                    return null;
                }
                Path c = whole.get(0);
                Instant saved = CheckpointArea.saved(c);
                if (saved == null) {
                    saved = Files.getLastModifiedTime(c).toInstant();
                }
                return new CheckpointInfo(dref, instance, saved, FileTrees.size(c), c.resolve(CheckpointArea.DATA));
            } catch (NoSuchFileException e) {
                if (attempt >= 10) {
                    return null; // saving faster than we can look; it is in use anyway
                }
            }
        }
        return null;
    }

    private static int instance(Path folder) {
        try {
            return Integer.parseInt(folder.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
