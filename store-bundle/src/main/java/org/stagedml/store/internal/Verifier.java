package org.stagedml.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.store.VerifyReport;
import org.stagedml.api.store.VerifyReport.Problem;

/**
 * Recomputes output hashes. A realization is intact when its recomputed hash starts with its folder
 * name; otherwise the recomputed entries are compared with {@code _meta/manifest.json} to name the
 * files that changed (when the manifest was tampered with too, the realization as a whole is
 * reported). An intact tree with a manifest that disagrees is reported against the manifest.
 */
final class Verifier {
    private Verifier() {
    }

    static VerifyReport verify(FileStore store, Collection<RRef> rrefs) throws IOException {
        List<Problem> problems = new ArrayList<>();
        store.rootFiles.list().unreadable().forEach((name, message) ->
                problems.add(Problem.store(store.layout.root.relativize(store.layout.roots.resolve(name)).toString(), message)));
        List<RRef> targets = new ArrayList<>();
        if (rrefs == null || rrefs.isEmpty()) {
            for (DRef d : store.derivations()) {
                checkDerivation(store, d).ifPresent(problems::add);
                targets.addAll(new TreeSet<>(store.realizationRefs(d)));
            }
        } else {
            targets.addAll(rrefs);
        }
        for (RRef r : targets) {
            problems.addAll(check(store, r));
        }
        return new VerifyReport(targets.size(), problems);
    }

    /** A derivation document that cannot be read (its realizations then report it too). */
    private static Optional<Problem> checkDerivation(FileStore store, DRef d) {
        try {
            store.requireDerivation(d);
            return Optional.empty();
        } catch (StagedmlException e) {
            return Optional.of(Problem.store(store.layout.root.relativize(store.layout.derivationFile(d)).toString(),
                    e.getMessage()));
        }
    }

    static List<Problem> check(FileStore store, RRef rref) throws IOException {
        List<Problem> problems = new ArrayList<>();
        Path dir = store.layout.realizationDir(rref);
        if (!Files.isDirectory(dir)) {
            problems.add(new Problem(rref, "", "not in the store"));
            return problems;
        }
        try {
            store.requireDerivation(rref.dref());
        } catch (StagedmlException e) {
            problems.add(new Problem(rref, "", "its derivation is unreadable: " + e.getMessage()));
        }
        TreeHasher.Manifest actual;
        try {
            actual = TreeHasher.hash(dir);
        } catch (IOException | StagedmlException e) {
            problems.add(new Problem(rref, "", "cannot be hashed: " + e.getMessage()));
            return problems;
        }
        TreeHasher.Manifest recorded = null;
        try {
            recorded = RealizationFiles.readManifest(dir);
        } catch (IOException | RuntimeException e) {
            // reported below when it matters
        }
        boolean intact = actual.hash().startsWith(rref.outputHash());
        if (intact) {
            if (recorded == null || !recorded.hash().equals(actual.hash()) || !recorded.entries().equals(actual.entries())) {
                problems.add(new Problem(rref, RealizationFiles.MANIFEST_JSON,
                        "missing or altered (the outputs themselves are intact)"));
            }
            return problems;
        }
        if (recorded != null && recorded.hash().startsWith(rref.outputHash())
                && TreeHasher.Manifest.of(recorded.entries()).hash().equals(recorded.hash())) {
            diff(rref, recorded, actual, problems);
        }
        if (problems.isEmpty() || problems.stream().allMatch(p -> p.file().isEmpty())) {
            problems.add(new Problem(rref, "", "output hash " + actual.hash().substring(0, 32)
                    + " does not match the folder name (manifest missing or altered too, so the file is unknown)"));
        }
        return problems;
    }

    private static void diff(RRef rref, TreeHasher.Manifest recorded, TreeHasher.Manifest actual, List<Problem> out) {
        Map<String, TreeHasher.Entry> before = byPath(recorded.entries());
        Map<String, TreeHasher.Entry> now = byPath(actual.entries());
        for (Map.Entry<String, TreeHasher.Entry> e : before.entrySet()) {
            TreeHasher.Entry n = now.get(e.getKey());
            if (n == null) {
                out.add(new Problem(rref, e.getKey(), "missing"));
            } else if (!n.type().equals(e.getValue().type())) {
                out.add(new Problem(rref, e.getKey(), "type changed from " + describe(e.getValue().type())
                        + " to " + describe(n.type())));
            } else if (!n.digest().equals(e.getValue().digest())) {
                out.add(new Problem(rref, e.getKey(), "content changed"));
            }
        }
        for (String path : now.keySet()) {
            if (!before.containsKey(path)) {
                out.add(new Problem(rref, path, "unexpected (added after the commit)"));
            }
        }
    }

    private static String describe(String type) {
        return switch (type) {
            case "d" -> "folder";
            case "f" -> "file";
            case "x" -> "executable file";
            case "l" -> "symbolic link";
            default -> type;
        };
    }

    private static Map<String, TreeHasher.Entry> byPath(List<TreeHasher.Entry> entries) {
        Map<String, TreeHasher.Entry> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(e.path(), e));
        return m;
    }
}
