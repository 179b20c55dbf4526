package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stagedml.api.StagedmlException;

class ArgsTest {
    @Test
    void parsesOverridesInOrderKeepingEqualsInValues() {
        Map<String, String> m = Args.overrides(new String[] {"depth=3", "glue.task=MRPC", "expr=a=b"}, "");
        assertEquals(List.of("depth", "glue.task", "expr"), List.copyOf(m.keySet()));
        assertEquals("a=b", m.get("expr"));
        assertEquals("", Args.overrides(new String[] {"tag="}, "").get("tag"));
    }

    @Test
    void aBareWordIsAnError() {
        StagedmlException e = assertThrows(StagedmlException.class, () -> Args.overrides(new String[] {"depth"}, ""));
        assertTrue(e.getMessage().contains("'depth' is not a key=value"), e.getMessage());
        assertThrows(StagedmlException.class, () -> Args.overrides(new String[] {"=3"}, ""));
    }

    @Test
    void anUnboundOptionIsNamed() {
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> Args.overrides(new String[] {"--forse"}, "--force"));
        assertEquals("unknown option '--forse'; the options are --force", e.getMessage());
    }

    @Test
    void aRepeatedKeyIsAnError() {
        assertThrows(StagedmlException.class, () -> Args.overrides(new String[] {"a=1", "a=2"}, ""));
    }
}
