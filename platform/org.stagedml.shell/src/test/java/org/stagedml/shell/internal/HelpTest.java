package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stagedml.api.StagedmlException;

/** help for every command, hyphenated ones included, in felix:help's layout. */
class HelpTest {
    private static final List<Help.Command> COMMANDS = List.of(
            new Help.Command("store", "root-add", StoreRootCommands.class),
            new Help.Command("store", "root-rm", StoreRootCommands.class),
            new Help.Command("store", "import", StoreCommands.class),
            new Help.Command("stage", "realize", StageCommands.class),
            new Help.Command("stagedml", "help", HelpCommand.class));

    @Test
    void aHyphenatedCommandIsDescribedFromItsMethod() throws Exception {
        String out = ShellFixture.capture(o -> Help.describe(o, COMMANDS, "store:root-add"));
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(List.of("root-add - add (or replace) a named GC root pointing to a realization or derivation",
                "   scope: store", "   parameters:", "      String   the root's name",
                "      String   rref, dref or stage name (its latest realization)"), lines);
        String rm = ShellFixture.capture(o -> Help.describe(o, COMMANDS, "root-rm"));
        assertTrue(rm.contains("root-rm - remove a named GC root"), rm);
    }

    @Test
    void flagsOptionsAndKeywordCommandsToo() throws Exception {
        String out = ShellFixture.capture(o -> Help.describe(o, COMMANDS, "realize"));
        assertTrue(out.contains("   flags:") && out.contains("      -f, --force   rebuild the target"), out);
        assertTrue(out.contains("      -m, --match   matcher for the target"), out);
        assertTrue(!out.contains("CommandSession"), "the session is not the user's to type: " + out);
        String imp = ShellFixture.capture(o -> Help.describe(o, COMMANDS, "store:import"));
        assertTrue(imp.contains("import - import an archive"), imp);
    }

    @Test
    void theListHasEveryCommandAndAnUnknownOneIsAnError() throws Exception {
        String out = ShellFixture.capture(o -> Help.list(o, COMMANDS));
        assertEquals(List.of("stage:realize", "stagedml:help", "store:import", "store:root-add", "store:root-rm"),
                out.lines().toList());
        StagedmlException e = assertThrows(StagedmlException.class, () -> Help.describe(System.out, COMMANDS, "store:nope"));
        assertEquals("no command 'store:nope' (help lists the commands)", e.getMessage());
    }

    @Test
    void hyphenatedNamesMapToCamelCaseMethods() {
        assertEquals("rootAdd", Hyphenated.methodName("root-add"));
        assertEquals("list", Hyphenated.methodName("list"));
        assertTrue(Hyphenated.method(StoreRootCommands.class, "root-rm").isPresent());
        assertTrue(Hyphenated.method(StoreCommands.class, "list").isEmpty(), "only hyphenated names");
    }
}
