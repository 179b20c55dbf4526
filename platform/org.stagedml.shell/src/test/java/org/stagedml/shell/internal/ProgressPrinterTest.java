package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stagedml.api.DRef;

class ProgressPrinterTest {
    private static final DRef D = new DRef("0123456789abcdef0123456789abcdef", "example-sleep");

    @Test
    void barShowsFractionAndMessage() {
        String line = ProgressPrinter.bar(D, new ProgressPrinter.Running(0.5, "step 5/10"));
        assertEquals("example-sleep        [############............]  50% step 5/10", line);
    }

    @Test
    void barNeverWrapsAnEightyColumnTerminal() {
        String line = ProgressPrinter.bar(D, new ProgressPrinter.Running(1, "x".repeat(200) + "\nsecond line"));
        assertEquals(ProgressPrinter.WIDTH, line.length());
        assertTrue(line.endsWith("…") && !line.contains("\n"), line);
    }
}
