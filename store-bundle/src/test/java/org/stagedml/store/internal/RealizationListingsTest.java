package org.stagedml.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;

/**
 * A derivation folder's kept listing is reused only while the folder is unchanged and had settled
 * before it was listed; a commit or removal by another store instance (another process) shows at once.
 */
class RealizationListingsTest {
    private static final String H1 = "1".repeat(32);
    private static final String H2 = "2".repeat(32);
    @TempDir
    Path tmp;

    private static void settle() throws InterruptedException {
        Thread.sleep(RealizationListings.SETTLED_MS + 300);
    }

    @Test
    void aListingIsKeptOnceTheFolderSettledAndDroppedWhenItChanges() throws Exception {
        DRef d = new DRef("a".repeat(32), "s");
        Path dir = Files.createDirectories(tmp.resolve(d.folderName()));
        Files.createDirectory(dir.resolve(H1));
        AtomicInteger listed = new AtomicInteger();
        Function<Path, List<RRef>> lister = p -> {
            listed.incrementAndGet();
            try (var s = Files.list(p)) {
                return s.map(e -> RRef.of(e.getFileName().toString(), d)).toList();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        RealizationListings listings = new RealizationListings();
        Function<DRef, Path> folder = x -> dir;
        listings.refs(d, folder, lister);
        listings.refs(d, folder, lister);
        assertEquals(2, listed.get(), "a folder changed just now is listed every time");
        settle();
        assertEquals(List.of(RRef.of(H1, d)), listings.refs(d, folder, lister));
        assertEquals(List.of(RRef.of(H1, d)), listings.refs(d, folder, lister));
        assertEquals(3, listed.get(), "a settled folder's listing is kept");
        Files.createDirectory(dir.resolve(H2));
        assertEquals(Set.of(RRef.of(H1, d), RRef.of(H2, d)), Set.copyOf(listings.refs(d, folder, lister)));
        settle();
        listings.refs(d, folder, lister);
        int before = listed.get();
        FileTime mtime = Files.getLastModifiedTime(dir);
        // a change whose modification time is set back (rsync -t, touch -d) still shows: the change time moved
        Files.delete(dir.resolve(H2));
        Files.setLastModifiedTime(dir, mtime);
        assertEquals(List.of(RRef.of(H1, d)), listings.refs(d, folder, lister));
        assertEquals(before + 1, listed.get());
        Files.delete(dir.resolve(H1));
        Files.delete(dir);
        assertEquals(List.of(), listings.refs(d, folder, lister), "a removed folder has no realizations");
    }

    @Test
    void anotherStoreInstancesCommitsAndRemovalsShowAtOnce() throws Exception {
        FileStore a = new FileStore(tmp);
        FileStore b = new FileStore(tmp); // as another process would see the same root
        DRef d = a.addDerivation(StoreFixtures.derivation("s", "{\"x\":1}"));
        RRef r1 = StoreFixtures.commit(a, d, "one");
        settle();
        assertEquals(List.of(r1), rrefs(a.realizations(d)));
        assertEquals(List.of(r1), rrefs(a.realizations(d)));
        RRef r2 = StoreFixtures.commit(b, d, "two");
        assertEquals(Set.of(r1, r2), Set.copyOf(rrefs(a.realizations(d))));
        b.remove(r1, true);
        assertEquals(List.of(r2), rrefs(a.realizations(d)));
        assertTrue(a.realization(r1).isEmpty());
    }

    private static List<RRef> rrefs(List<RealizationInfo> infos) {
        return new ArrayList<>(infos.stream().map(RealizationInfo::rref).collect(Collectors.toList()));
    }
}
