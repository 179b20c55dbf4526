package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void sizes() {
        assertEquals("0 B", Text.size(0));
        assertEquals("1023 B", Text.size(1023));
        assertEquals("1.0 KiB", Text.size(1024));
        assertEquals("1.5 MiB", Text.size(1024 * 1024 * 3 / 2));
    }

    @Test
    void numbersAndMetrics() {
        assertEquals("3", Text.number(3.0));
        assertEquals("0.1235", Text.number(0.123456));
        assertEquals("0.5", Text.number(0.5));
        assertEquals("a=1 b=0.25 +1 more", Text.metrics(Map.of("b", 0.25, "a", 1.0, "c", 2.0), 2));
        assertEquals("-", Text.metrics(Map.of(), 4));
    }
}
