package org.stagedml.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.StagedmlException;

class RealizationTableTest {
    private static final DRef SLOW = new DRef("1".repeat(32), "train");
    private static final DRef FAST = new DRef("2".repeat(32), "train");

    private static RealizationInfo info(char c, DRef d, int minute, double accuracy) {
        return new RealizationInfo(RRef.of(String.valueOf(c).repeat(32), d), null, 1, "", "", Instant.ofEpochSecond(minute * 60L),
                Instant.ofEpochSecond(minute * 60L + 30), 100, Map.of("accuracy", accuracy), Map.of());
    }

    @Test
    void newestFirstWithTheDifferingFieldsAndTheMatchersPickPerDerivation() {
        Map<DRef, Config> configs = Map.of(SLOW, Config.parse("{\"lr\":0.001,\"epochs\":3}"),
                FAST, Config.parse("{\"lr\":0.01,\"epochs\":3}"));
        List<RealizationInfo> rs = List.of(info('a', SLOW, 1, 0.6), info('b', SLOW, 2, 0.8), info('c', FAST, 3, 0.7),
                info('d', FAST, 4, 0.5));
        RealizationTable t = RealizationTable.of(rs, configs::get, Matchers.best("accuracy", 1, true));
        assertEquals(List.of("lr"), t.fields());
        assertEquals(List.of("accuracy"), t.metrics());
        assertEquals(List.of('d', 'c', 'b', 'a'), t.rows().stream().map(r -> r.info().rref().outputHash().charAt(0)).toList());
        // the best of each derivation: b (0.8 of SLOW) and c (0.7 of FAST)
        assertEquals(List.of(false, true, true, false), t.rows().stream().map(RealizationTable.Row::picked).toList());
    }

    @Test
    void aMatcherThatCannotChooseMarksNothing() {
        RealizationInfo noMetric = new RealizationInfo(RRef.of("e".repeat(32), SLOW), null, 1, "", "", Instant.EPOCH, Instant.EPOCH,
                1, Map.of(), Map.of());
        Matcher refusing = new Matcher() {
            @Override
            public int missing(List<RealizationInfo> existing) {
                return 0;
            }

            @Override
            public List<RRef> select(List<RealizationInfo> existing) {
                throw new StagedmlException("no metric to choose by");
            }

            @Override
            public String spec() {
                return "refusing";
            }
        };
        RealizationTable t = RealizationTable.of(List.of(noMetric), d -> Config.empty(), refusing);
        assertFalse(t.rows().get(0).picked());
        assertTrue(t.fields().isEmpty());
    }
}
