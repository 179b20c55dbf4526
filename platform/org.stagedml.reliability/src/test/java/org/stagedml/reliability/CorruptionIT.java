package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.store.VerifyReport;
import org.stagedml.realizer.internal.DefaultRealizer;
import org.stagedml.realizer.internal.RealizerSettings;
import org.stagedml.realizer.internal.StageRegistry;
import org.stagedml.store.internal.FileStore;

/**
 * One flipped byte in any file of a realization (outputs, nested files, context.json, metrics,
 * the recorded manifest) is detected by verify, which names the realization and the file.
 */
class CorruptionIT {
    @Test
    void everyFlippedByteIsReported() throws Exception {
        Path root = Support.newHome("corrupt");
        FileStore store = new FileStore(root);
        StageRegistry registry = new StageRegistry();
        registry.add(new org.stagedml.model.examples.internal.ChainStage(), "org.stagedml.model.examples", "0.1.0");
        registry.add(new NestedStage(), "org.stagedml.reliability", "0.1.0");
        try (DefaultRealizer realizer = new DefaultRealizer(store, registry, new RealizerSettings(2, 0))) {
            realizer.realize(realizer.instantiate("reliability-nested", Map.of()), RealizeOptions.defaults());
        }
        assertTrue(store.verify(List.of()).ok());
        List<RRef> all = new ArrayList<>();
        for (DRef d : store.derivations()) {
            store.realizations(d).stream().map(RealizationInfo::rref).forEach(all::add);
        }
        int flipped = 0;
        List<String> missed = new ArrayList<>();
        for (RRef rref : all) {
            Path dir = store.path(rref);
            List<String> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                        // _meta holds build logs and timestamps, deliberately not hashed; its
                        // manifest.json is checked (verify reports it altered)
                        .filter(f -> !f.startsWith("_meta/") || f.equals("_meta/manifest.json")).sorted().toList();
            }
            for (String file : files) {
                if (Files.size(dir.resolve(file)) == 0) {
                    continue;
                }
                Path copy = Support.newHome("corrupt-copy");
                Support.copyTree(root.resolve("store-v1"), copy.resolve("store-v1"));
                Support.makeWritable(copy);
                Path victim = copy.resolve(root.relativize(dir).toString()).resolve(file);
                byte[] bytes = Files.readAllBytes(victim);
                int at = bytes.length / 2;
                bytes[at] ^= 0x01;
                Files.write(victim, bytes);
                VerifyReport report = new FileStore(copy).verify(List.of());
                flipped++;
                assertFalse(report.ok(), "flipping a byte of " + rref + " " + file + " went unnoticed");
                boolean named = report.problems().stream().anyMatch(p -> p.rref().equals(rref) && p.file().equals(file));
                if (!named) {
                    missed.add(rref + " " + file + " -> " + report.problems());
                }
                deleteTree(copy);
            }
        }
        System.out.printf("RELIABILITY corruption: realizations=%d filesFlipped=%d detected=%d namedFile=%d%n",
                all.size(), flipped, flipped, flipped - missed.size());
        assertTrue(missed.isEmpty(), "verify did not name the file: " + missed);
        assertTrue(flipped >= 15, "too few files flipped: " + flipped);
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
