package org.stagedml.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.sweep.SweepSpec;

class SweepRunsTest {
    @Test
    void theFormsValuesAreTheGridInTheOrderGiven() {
        SweepSpec s = SweepRuns.spec("train", "  lr=0.001,0.01\n epochs=1,2,3 ", "2", " accuracy:max ");
        assertEquals(Map.of("lr", List.of("0.001", "0.01"), "epochs", List.of("1", "2", "3")), s.grid());
        assertEquals(List.of("lr", "epochs"), s.keys());
        assertEquals(2, s.instances());
        assertEquals("accuracy:max", s.metric());
        SweepSpec plain = SweepRuns.spec("train", "seed=1,2", "", "");
        assertEquals(1, plain.instances());
        assertNull(plain.metric());
    }

    @Test
    void eachMistakeIsNamed() {
        assertMessage("'lr' is not key=v1,v2", () -> SweepRuns.spec("train", "lr", "1", ""));
        assertMessage("'lr=0.1,' has an empty value", () -> SweepRuns.spec("train", "lr=0.1,", "1", ""));
        assertMessage("key 'lr' is given twice", () -> SweepRuns.spec("train", "lr=1 lr=2", "1", ""));
        assertMessage("instances must be a whole number", () -> SweepRuns.spec("train", "lr=1", "two", ""));
        assertMessage("--instances must be at least 1", () -> SweepRuns.spec("train", "lr=1", "0", ""));
        assertMessage("a sweep needs keys to vary", () -> SweepRuns.spec("train", " ", "1", ""));
    }

    @Test
    void withoutTheSweeperServiceNothingStarts() {
        assertMessage("the Sweeper service", () -> new SweepRuns().start(SweepRuns.spec("train", "lr=1", "1", ""), "lr=1"));
        assertTrue(new SweepRuns().runs().isEmpty());
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        StagedmlException x = assertThrows(StagedmlException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
