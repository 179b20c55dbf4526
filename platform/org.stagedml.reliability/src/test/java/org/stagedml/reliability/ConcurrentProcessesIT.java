package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.store.internal.FileStore;

/**
 * Four real bin/stagedml processes realize overlapping DAGs (example-chain depth 30/35/40/45 share
 * the first 31 nodes) on one store at once: every derivation is built exactly once, and every
 * process gets the same realizations.
 */
class ConcurrentProcessesIT {
    private static final Pattern STARTED = Pattern.compile("^started\\s+(dref:\\S+)", Pattern.MULTILINE);

    @Test
    void fourProcessesBuildEachDerivationOnce() throws Exception {
        Path root = Support.newHome("four");
        int[] depths = {30, 35, 40, 45};
        long t0 = System.nanoTime();
        List<Process> ps = new ArrayList<>();
        for (int d : depths) {
            ps.add(Support.stagedml(root, "stage:realize", "example-chain", "depth=" + d).start());
        }
        List<Support.Result> results = new ArrayList<>();
        for (Process p : ps) {
            results.add(Support.finish(p, 180));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Integer> starts = new HashMap<>();
        for (Support.Result r : results) {
            assertEquals(0, r.code(), r.toString());
            Matcher m = STARTED.matcher(r.out());
            while (m.find()) {
                starts.merge(m.group(1), 1, Integer::sum);
            }
        }
        FileStore store = new FileStore(root);
        List<DRef> drefs = store.derivations("example-chain");
        assertEquals(46, drefs.size(), "depths 0..45");
        for (DRef dref : drefs) {
            List<RealizationInfo> rs = store.realizations(dref);
            assertEquals(1, rs.size(), dref + " has " + rs.size() + " realizations");
            Integer n = starts.get(dref.toString());
            assertEquals(1, n == null ? 0 : n, dref + " was started " + n + " times across the four processes");
        }
        // the same result in every process: each printed the one realization of its depth, and the
        // shared nodes of each process's closure are the same realizations (one per derivation)
        for (int i = 0; i < depths.length; i++) {
            String rref = results.get(i).lastRref();
            assertNotNull(rref, results.get(i).toString());
            RRef parsed = RRef.parse(rref);
            assertEquals(List.of(parsed), store.realizations(parsed.dref()).stream().map(RealizationInfo::rref).toList());
        }
        assertTrue(store.verify(List.of()).ok());
        System.out.printf("RELIABILITY four-processes: derivations=%d builds=%d (each exactly once) seconds=%.1f%n",
                drefs.size(), starts.values().stream().mapToInt(Integer::intValue).sum(), seconds);
    }
}
