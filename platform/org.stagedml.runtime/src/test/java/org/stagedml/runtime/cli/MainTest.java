package org.stagedml.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void oneArgumentIsAWholeCommandLine() {
        assertEquals("lb | grep api", Main.commandLine(new String[] {"lb | grep api"}));
    }

    @Test
    void severalArgumentsAreJoinedAndQuotedWhereGogoWouldSplitThem() {
        assertEquals("stage:realize glue task=MRPC 'text=a b' '$x'",
                Main.commandLine(new String[] {"stage:realize", "glue", "task=MRPC", "text=a b", "$x"}));
        assertEquals("echo 'it'\"'\"'s'", Main.commandLine(new String[] {"echo", "it's"}));
    }
}
