package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;

/**
 * Each derivation folder's realizations as last listed, reused while the folder has not changed:
 * a long-lived process (the StagedML server) lists the same few thousand folders on every cached
 * realize, twice per derivation. A commit, gc, remove or import in any process adds or removes an
 * entry, which changes the folder's modification and change times (and link count); a folder deleted
 * and made again has another inode. Those four are read with one stat and compared.
 *
 * <p>Timestamps are coarse (a clock tick), so a change right after a listing could keep the time the
 * folder had: a listing is only kept when the folder had not changed for {@link #SETTLED_MS} before
 * it was made (git's "racy" rule). A fresh commit's folder is listed anew until then.
 */
final class RealizationListings {
    static final long SETTLED_MS = 2000;
    private static final int MAX = 100_000;
    private static final String STAMP = "unix:lastModifiedTime,ctime,fileKey,nlink";
    private final Map<DRef, Listing> listings = new ConcurrentHashMap<>();
    private volatile boolean unsupported;

    private record Listing(Path dir, Map<String, Object> stamp, List<RRef> refs) {
    }

    /** The derivation's realizations: the kept listing when its folder is unchanged, else {@code list}'s. */
    List<RRef> refs(DRef dref, Function<DRef, Path> folder, Function<Path, List<RRef>> list) {
        Listing kept = listings.get(dref);
        Path dir = kept != null ? kept.dir : folder.apply(dref);
        if (unsupported) {
            return list.apply(dir);
        }
        long now = System.currentTimeMillis();
        Map<String, Object> stamp;
        try {
            stamp = Files.readAttributes(dir, STAMP);
        } catch (NoSuchFileException e) {
            listings.remove(dref);
            return List.of();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            unsupported = true; // no unix view: list every time
            return list.apply(dir);
        } catch (IOException e) {
            listings.remove(dref);
            return list.apply(dir); // says what is wrong
        }
        if (kept != null && kept.stamp.equals(stamp)) {
            return kept.refs;
        }
        List<RRef> refs = List.copyOf(list.apply(dir));
        if (settled(stamp, now)) {
            if (listings.size() >= MAX) {
                listings.clear();
            }
            listings.put(dref, new Listing(dir, stamp, refs));
        } else {
            listings.remove(dref);
        }
        return refs;
    }

    /** Forgets a derivation's listing (this process changed its folder). */
    void forget(DRef dref) {
        listings.remove(dref);
    }

    private static boolean settled(Map<String, Object> stamp, long now) {
        return stamp.get("lastModifiedTime") instanceof java.nio.file.attribute.FileTime m
                && stamp.get("ctime") instanceof java.nio.file.attribute.FileTime c
                && Objects.nonNull(stamp.get("fileKey"))
                && now - m.toMillis() > SETTLED_MS && now - c.toMillis() > SETTLED_MS;
    }
}
