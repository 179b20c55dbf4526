package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.FailedBuild;
import org.stagedml.api.store.PendingRealization;

/**
 * Failed builds kept aside ({@code --keep-failed}): {@code failed/<dhash>-<name>-<UTC time>/} beside
 * the store holds {@code out/} (the output folder as the build left it, moved there from tmp/),
 * {@code derivation.json} (stage, version, config), {@code dependencies.txt} (each dependency's
 * realization and its path) and {@code build.log}. Never a realization: gc leaves it alone unless
 * asked ({@code store:gc --failed}).
 */
final class FailedBuilds {
    static final String OUT = "out";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final int TIME_LENGTH = 22;

    private final FileStore store;
    private final StoreLayout layout;

    FailedBuilds(FileStore store, StoreLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    FailedBuild keep(PendingRealization pending, Map<DRef, List<RRef>> context, Path log) throws IOException {
        if (!(pending instanceof FilePendingRealization own)) {
            throw new StagedmlException("cannot keep " + pending + ": it was not begun by the store at " + layout.root);
        }
        DRef dref = pending.dref();
        Files.createDirectories(layout.failed);
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as the folder name keeps it
        Path folder;
        while (true) {
            folder = layout.failed.resolve(dref.folderName() + "-" + TIME.format(at));
            try {
                Files.createDirectory(folder);
                break;
            } catch (FileAlreadyExistsException e) {
                at = at.plusNanos(1000); // another failure of the same derivation in the same microsecond
            }
        }
        if (Files.isRegularFile(layout.derivationFile(dref))) {
            Files.copy(layout.derivationFile(dref), folder.resolve("derivation.json"));
        }
        StringBuilder deps = new StringBuilder();
        for (Map.Entry<DRef, List<RRef>> e : (context == null ? Map.<DRef, List<RRef>>of() : context).entrySet()) {
            for (RRef r : e.getValue()) {
                deps.append(r).append(' ').append(layout.realizationDir(r)).append('\n');
            }
        }
        Files.writeString(folder.resolve("dependencies.txt"), deps.toString(), StandardCharsets.UTF_8);
        if (log != null && Files.isRegularFile(log)) {
            Files.copy(log, folder.resolve("build.log"));
        }
        own.moveAside(folder.resolve(OUT));
        return new FailedBuild(dref, at, folder);
    }

    List<FailedBuild> list() throws IOException {
        if (!Files.isDirectory(layout.failed)) {
            return List.of();
        }
        List<FailedBuild> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(layout.failed)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                FailedBuild b = parse(p);
                if (b != null) {
                    found.add(b);
                }
            }
        }
        found.sort(Comparator.comparing(FailedBuild::failed).thenComparing(b -> b.folder().toString()));
        return found;
    }

    /** The failed build a folder of failed/ holds; null for anything else. */
    private static FailedBuild parse(Path p) {
        String n = p.getFileName().toString();
        if (!Files.isDirectory(p) || n.length() <= TIME_LENGTH + 1 || n.charAt(n.length() - TIME_LENGTH - 1) != '-') {
            return null;
        }
        try {
            Instant at = Instant.from(TIME.parse(n.substring(n.length() - TIME_LENGTH)));
            DRef dref = DRef.parse(DRef.PREFIX + n.substring(0, n.length() - TIME_LENGTH - 1));
            return new FailedBuild(dref, at, p);
        } catch (RuntimeException e) { // not a name this class writes
            return null;
        }
    }

    boolean remove(FailedBuild b) throws IOException {
        Path folder = b.folder().toAbsolutePath().normalize();
        if (!layout.failed.equals(folder.getParent())) {
            throw new StagedmlException("cannot remove " + folder + ": it is not a failed build kept in " + layout.failed);
        }
        if (!Files.exists(folder)) {
            return false;
        }
        FileTrees.deleteTree(folder);
        return true;
    }
}
