package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;

/**
 * Which derivations are in use right now, by any process: those with a live build in
 * {@code tmp/} and those whose lock is held. A build may read any realization of any of its
 * (transitive) dependencies, so {@link #closure} widens the set along configs.
 */
final class InUse {
    private InUse() {
    }

    static Set<DRef> busy(FileStore store) throws IOException {
        Set<DRef> used = new HashSet<>();
        for (String name : list(store.layout.tmp)) {
            if (name.endsWith(Janitor.LOCK_SUFFIX) && name.contains("~")) {
                DRef d = StoreLayout.parseFolder(name.substring(0, name.indexOf('~')));
                if (d != null && isLocked(store.layout.tmp.resolve(name))) {
                    used.add(d);
                }
            }
        }
        for (String name : list(store.layout.locks)) {
            if (name.endsWith(Janitor.LOCK_SUFFIX)) {
                DRef d = StoreLayout.parseFolder(name.substring(0, name.length() - Janitor.LOCK_SUFFIX.length()));
                if (d != null && store.exists(d) && isLocked(store.layout.locks.resolve(name))) {
                    used.add(d);
                }
            }
        }
        return used;
    }

    /** The derivations and all their transitive dependencies. */
    static Set<DRef> closure(FileStore store, Set<DRef> roots) {
        Set<DRef> seen = new HashSet<>();
        Deque<DRef> work = new ArrayDeque<>(roots);
        while (!work.isEmpty()) {
            DRef d = work.pop();
            if (seen.add(d)) {
                dependencies(store, d).forEach(work::push);
            }
        }
        return seen;
    }

    /**
     * The dependencies of a derivation in the store (none when it is not there). A derivation that
     * cannot be read is a StagedmlException naming it: taking it for "no dependencies" would let
     * gc and remove delete what it depends on.
     */
    static Set<DRef> dependencies(FileStore store, DRef d) {
        Optional<Derivation> der = store.derivation(d);
        return der.isPresent() ? FileStore.dependenciesOf(der.get()) : Set.of();
    }

    private static boolean isLocked(Path lockFile) throws IOException {
        Optional<ProcessLocks.Held> held = ProcessLocks.tryAcquire(lockFile, false, ProcessLocks.Holder.COLLECTOR);
        if (held.isEmpty()) {
            return Files.exists(lockFile); // gone: not in use
        }
        held.get().close();
        return false;
    }

    private static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(p -> names.add(p.getFileName().toString()));
        } catch (NoSuchFileException e) {
            return names;
        }
        return names;
    }
}
