package org.stagedml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatchersTest {
    static final DRef D = new DRef("0123456789abcdef0123456789abcdef", "train");

    static RealizationInfo info(int i, Map<String, Double> metrics) {
        String hash = String.format("%032x", i);
        return new RealizationInfo(RRef.of(hash, D), Paths.get("/s/" + i), 1, "b", "1", Instant.ofEpochSecond(i),
                Instant.ofEpochSecond(100 + i), 10, metrics, Map.of());
    }

    static final RealizationInfo R1 = info(1, Map.of("acc", 0.5, "loss", 3.0));
    static final RealizationInfo R2 = info(2, Map.of("acc", 0.9, "loss", 1.0));
    static final RealizationInfo R3 = info(3, Map.of("loss", 2.0));
    static final List<RealizationInfo> ALL = List.of(R3, R1, R2);

    @Test
    void only() {
        Matcher m = Matchers.only();
        assertEquals(1, m.missing(List.of()));
        assertEquals(0, m.missing(List.of(R1)));
        assertEquals(List.of(R1.rref()), m.select(List.of(R1)));
        StagedmlException e = assertThrows(StagedmlException.class, () -> m.select(ALL));
        assertTrue(e.getMessage().contains("3 realizations"), e.getMessage());
    }

    @Test
    void latestAndSome() {
        assertEquals(List.of(R3.rref(), R2.rref()), Matchers.latest(2).select(ALL));
        assertEquals(1, Matchers.latest(4).missing(ALL));
        assertEquals(0, Matchers.latest(1).missing(ALL));
        assertEquals(List.of(R1.rref(), R2.rref()), Matchers.some(2).select(ALL));
        assertEquals(2, Matchers.some(2).missing(List.of()));
    }

    @Test
    void bestRanksByTheMetricAndPutsThoseWithoutItLast() {
        assertEquals(List.of(R2.rref()), Matchers.best("acc", 1, true).select(ALL));
        assertEquals(List.of(R1.rref(), R2.rref(), R3.rref()), Matchers.best("acc", 3, false).select(ALL));
        assertEquals(List.of(R2.rref(), R3.rref()), Matchers.best("loss", 2, false).select(ALL));
        assertEquals(1, Matchers.best("acc", 1, true).missing(List.of()));
        assertEquals(0, Matchers.best("acc", 5, true).missing(ALL));
    }

    @Test
    void allAndExact() {
        assertEquals(List.of(R1.rref(), R2.rref(), R3.rref()), Matchers.all().select(ALL));
        assertEquals(1, Matchers.all().missing(List.of()));
        Matcher exact = Matchers.exact(Set.of(R2.rref()));
        assertEquals(0, exact.missing(List.of()));
        assertEquals(List.of(R2.rref()), exact.select(ALL));
        StagedmlException e = assertThrows(StagedmlException.class, () -> exact.select(List.of(R1)));
        assertTrue(e.getMessage().contains(R2.rref().toString()));
        assertThrows(IllegalArgumentException.class, () -> Matchers.exact(Set.of()));
    }

    @Test
    void specsRoundTrip() {
        for (String spec : new String[] {"only", "latest", "latest:3", "some", "some:2", "all", "best:acc",
            "best:loss:2:min", "best:acc:3:max", "exact:" + R1.rref() + "," + R2.rref()}) {
            assertEquals(spec, Matchers.parse(spec).spec(), spec);
        }
        assertEquals("best:acc", Matchers.parse("best:acc:1:max").spec());
        assertEquals(List.of(R3.rref()), Matchers.parse("best:loss:1:min").select(List.of(R1, R3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "newest", "only:1", "latest:0", "latest:x", "latest:1:2", "some:-1", "all:2", "best",
        "best:", "best:acc:x", "best:acc:1:up", "best:acc:1:max:9", "exact:", "exact:rref:nope"})
    void badSpecsAreRefusedWithTheAcceptedForms(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Matchers.parse(spec));
        assertTrue(e.getMessage().contains("matchers are only, latest"), e.getMessage());
    }
}
