package org.stagedml.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.stagedml.api.DRef;
import org.stagedml.api.Ref;

class SweepRootsTest {
    private static DRef d(char c, String stage) {
        return new DRef(String.valueOf(c).repeat(32), stage);
    }

    @Test
    void groupsTheRootsOfEachSweepNewestFirstPerStage() {
        Map<String, Ref> roots = new TreeMap<>();
        roots.put("sweep-example-random-1", d('1', "example-random"));
        roots.put("sweep-example-random-1.1", d('1', "example-random"));
        roots.put("sweep-example-random-1.2", d('2', "example-random"));
        roots.put("sweep-example-random-2.1", d('3', "example-random"));
        roots.put("sweep-example-random-2.10", d('4', "example-random"));
        roots.put("sweep-text-cnn-3", d('5', "text-cnn"));
        roots.put("sweep-text-cnn-3.1", d('5', "text-cnn"));
        roots.put("last-example-random", d('1', "example-random"));
        roots.put("sweep-mine", d('6', "example-random"));
        // the shape of a sweep's root, but pointing at another stage: someone else's name
        roots.put("sweep-a-1.1", d('7', "b"));
        List<SweepRoots.Sweep> found = SweepRoots.find(roots);
        assertEquals(List.of("sweep-example-random-2", "sweep-example-random-1", "sweep-text-cnn-3"),
                found.stream().map(SweepRoots.Sweep::name).toList());
        SweepRoots.Sweep two = found.get(0);
        assertEquals("example-random", two.stage());
        assertEquals(2, two.number());
        assertNull(two.best(), "only configuration roots are left of sweep 2");
        assertEquals(List.of(1, 10), List.copyOf(two.points().keySet()));
        SweepRoots.Sweep one = found.get(1);
        assertEquals(d('1', "example-random"), one.best());
        assertEquals(d('2', "example-random"), one.points().get(2));
        assertEquals("text-cnn", found.get(2).stage());
        assertEquals(3, found.get(2).number());
        assertEquals(one, SweepRoots.named(roots, "sweep-example-random-1"));
        assertNull(SweepRoots.named(roots, "sweep-example-random-9"));
    }
}
