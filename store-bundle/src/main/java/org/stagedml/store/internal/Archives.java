package org.stagedml.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.Ref;
import org.stagedml.api.StagedmlException;

/**
 * Export and import of a closure as one zip archive (java.util.zip only). The archive holds
 * {@code stagedml-archive.json} (the format, the exported ref, the derivations and realizations in
 * dependency order) and the store's own files under {@code store-v1/}. File types the zip format
 * cannot carry (executable bit, symbolic links) come back from each realization's manifest; a
 * symbolic link is stored as an entry holding its target. Import unpacks into {@code tmp/},
 * checks every derivation and output hash, and only then moves anything into the store.
 */
final class Archives {
    static final String HEADER = "stagedml-archive.json";
    static final int FORMAT = 1;
    private final FileStore store;

    Archives(FileStore store) {
        this.store = store;
    }

    // ---- export ----------------------------------------------------------------------------------

    void export(Ref ref, Path archive) throws IOException {
        if (!store.exists(ref)) {
            throw new StagedmlException("cannot export " + ref + ": it is not in the store at " + store.root());
        }
        Closure closure = new Closure();
        if (ref instanceof RRef r) {
            closure.addRealization(r);
        } else {
            closure.addDerivation((DRef) ref);
            for (RRef r : store.realizationRefs((DRef) ref)) {
                closure.addRealization(r);
            }
        }
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("format", FORMAT);
        header.put("ref", ref.toString());
        ArrayNode ds = header.putArray("derivations");
        closure.derivations.forEach(d -> ds.add(d.toString()));
        ArrayNode rs = header.putArray("realizations");
        closure.realizations.forEach(r -> rs.add(r.toString()));

        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            zip.putNextEntry(new ZipEntry(HEADER));
            zip.write(Json.mapper().writeValueAsBytes(header));
            zip.closeEntry();
            for (DRef d : closure.derivations) {
                addFile(zip, store.layout.derivationFile(d), StoreLayout.STORE_DIR + "/" + d.folderName() + "/derivation.json");
            }
            for (RRef r : closure.realizations) {
                addTree(zip, store.path(r), StoreLayout.STORE_DIR + "/" + r.dref().folderName() + "/" + r.outputHash());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Derivations (dependencies first) and realizations (context first) of a closure. */
    private final class Closure {
        final Set<DRef> derivations = new LinkedHashSet<>();
        final Set<RRef> realizations = new LinkedHashSet<>();
        private final Set<Object> visiting = new HashSet<>();

        void addDerivation(DRef d) {
            if (derivations.contains(d) || !visiting.add(d)) {
                return;
            }
            for (DRef dep : FileStore.dependenciesOf(store.requireDerivation(d))) {
                if (store.exists(dep)) {
                    addDerivation(dep);
                }
            }
            derivations.add(d);
        }

        void addRealization(RRef r) {
            if (realizations.contains(r) || !visiting.add(r)) {
                return;
            }
            addDerivation(r.dref());
            store.realization(r).orElseThrow(() -> new StagedmlException("cannot export " + r + ": it is not in the store"))
                    .context().values().forEach(list -> list.forEach(this::addRealization));
            realizations.add(r);
        }
    }

    private static void addFile(ZipOutputStream zip, Path file, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    private static void addTree(ZipOutputStream zip, Path top, String prefix) throws IOException {
        zip.putNextEntry(new ZipEntry(prefix + "/"));
        zip.closeEntry();
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(top)) {
                    zip.putNextEntry(new ZipEntry(prefix + "/" + TreeHasher.relative(top, dir) + "/"));
                    zip.closeEntry();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                zip.putNextEntry(new ZipEntry(prefix + "/" + TreeHasher.relative(top, file)));
                if (attrs.isSymbolicLink()) {
                    zip.write(Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8));
                } else {
                    Files.copy(file, zip);
                }
                zip.closeEntry();
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // ---- import ----------------------------------------------------------------------------------

    List<Ref> importArchive(Path archive) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new StagedmlException("cannot import " + archive + ": no such file");
        }
        try (TmpFolder staging = TmpFolder.create(store.layout.tmp, "import")) {
            Path top = staging.dir();
            unpack(archive, top);
            JsonNode header = readHeader(archive, top);
            Map<DRef, Derivation> derivations = new LinkedHashMap<>();
            for (JsonNode d : header.path("derivations")) {
                DRef dref = parse(archive, d.asText(), DRef::parse);
                derivations.put(dref, checkDerivation(archive, top, dref));
            }
            List<RRef> realizations = new ArrayList<>();
            for (JsonNode r : header.path("realizations")) {
                RRef rref = parse(archive, r.asText(), RRef::parse);
                if (!derivations.containsKey(rref.dref()) && !store.exists(rref.dref())) {
                    throw corrupted(archive, rref + " comes without its derivation");
                }
                checkRealization(archive, top, rref, realizations);
                realizations.add(rref);
            }
            // everything checked: now move it in, dependencies first
            List<Ref> added = new ArrayList<>();
            for (Map.Entry<DRef, Derivation> e : derivations.entrySet()) {
                if (!store.exists(e.getKey())) {
                    store.addDerivation(e.getValue());
                    added.add(e.getKey());
                }
            }
            for (RRef r : realizations) {
                if (moveIn(top, r)) {
                    added.add(r);
                }
            }
            return added;
        }
    }

    private void unpack(Path archive, Path top) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                Path target = top.resolve(name).normalize();
                if (name.startsWith("/") || name.contains("\\") || !target.startsWith(top) || target.equals(top)
                        || !(name.equals(HEADER) || name.startsWith(StoreLayout.STORE_DIR + "/"))) {
                    throw corrupted(archive, "unexpected entry '" + name + "'");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        } catch (java.util.zip.ZipException | FileAlreadyExistsException e) {
            throw corrupted(archive, e.getMessage());
        }
    }

    private static JsonNode readHeader(Path archive, Path top) throws IOException {
        Path file = top.resolve(HEADER);
        if (!Files.isRegularFile(file)) {
            throw corrupted(archive, "it has no " + HEADER + " (not a StagedML archive)");
        }
        JsonNode header = Json.mapper().readTree(file.toFile());
        if (header.path("format").asInt(-1) != FORMAT) {
            throw corrupted(archive, "archive format " + header.path("format") + " is not " + FORMAT);
        }
        return header;
    }

    private Derivation checkDerivation(Path archive, Path top, DRef dref) throws IOException {
        Path file = top.resolve(StoreLayout.STORE_DIR).resolve(dref.folderName()).resolve("derivation.json");
        if (!Files.isRegularFile(file)) {
            throw corrupted(archive, "derivation " + dref + " is missing");
        }
        Derivation d;
        try {
            d = Derivation.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw corrupted(archive, "derivation " + dref + " is unreadable: " + e.getMessage());
        }
        if (!d.dref().equals(dref)) {
            throw corrupted(archive, "derivation " + dref + " hashes to " + d.dref());
        }
        return d;
    }

    /** Restores types from the manifest, recomputes the hash and checks the context is present. */
    private void checkRealization(Path archive, Path top, RRef rref, List<RRef> earlier) throws IOException {
        Path dir = staged(top, rref);
        if (!Files.isDirectory(dir)) {
            throw corrupted(archive, "realization " + rref + " is missing");
        }
        TreeHasher.Manifest recorded;
        try {
            recorded = RealizationFiles.readManifest(dir);
        } catch (IOException | RuntimeException e) {
            throw corrupted(archive, "realization " + rref + " has no readable " + RealizationFiles.MANIFEST_JSON);
        }
        for (TreeHasher.Entry e : recorded.entries()) {
            Path p = dir.resolve(e.path()).normalize();
            if (!p.startsWith(dir) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue; // the hash check below reports it
            }
            if (e.type().equals("l") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                String target = Files.readString(p, StandardCharsets.UTF_8);
                Files.delete(p);
                Files.createSymbolicLink(p, Paths.get(target));
            } else if (e.type().equals("x") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        TreeHasher.Manifest actual = TreeHasher.hash(dir);
        if (!actual.hash().startsWith(rref.outputHash())) {
            List<String> files = new ArrayList<>();
            Map<String, TreeHasher.Entry> now = new LinkedHashMap<>();
            actual.entries().forEach(e -> now.put(e.path(), e));
            for (TreeHasher.Entry e : recorded.entries()) {
                if (!e.equals(now.remove(e.path()))) {
                    files.add(e.path());
                }
            }
            files.addAll(now.keySet());
            throw corrupted(archive, "realization " + rref + " does not match its hash"
                    + (files.isEmpty() ? "" : " (" + String.join(", ", files.subList(0, Math.min(5, files.size()))) + ")"));
        }
        for (List<RRef> used : RealizationFiles.readContext(dir).values()) {
            for (RRef u : used) {
                if (!earlier.contains(u) && !store.exists(u)) {
                    throw corrupted(archive, "realization " + rref + " names " + u + " in its context, which is neither in the archive nor in the store");
                }
            }
        }
    }

    private boolean moveIn(Path top, RRef rref) throws IOException {
        return !Files.isDirectory(store.layout.realizationDir(rref)) && store.publish(staged(top, rref), rref);
    }

    private static Path staged(Path top, RRef rref) {
        return top.resolve(StoreLayout.STORE_DIR).resolve(rref.dref().folderName()).resolve(rref.outputHash());
    }

    private static <T> T parse(Path archive, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw corrupted(archive, e.getMessage());
        }
    }

    private static StagedmlException corrupted(Path archive, String what) {
        return new StagedmlException("cannot import " + archive + ": " + what + "; nothing was imported");
    }

}
