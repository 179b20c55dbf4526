package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.sweep.SweepResult;
import org.stagedml.api.sweep.SweepSpec;
import org.stagedml.model.examples.internal.RandomStage;

class SweepCommandsTest {
    @TempDir
    Path dir;

    @Test
    void printsARankedTableThePlotAndTheBestRrefLast() throws Exception {
        try (ShellFixture f = new ShellFixture(dir)) {
            SweepCommands c = new SweepCommands(new Sweeps(f.realizer, f.store));
            SweepSpec spec = SweepCommands.spec(RandomStage.NAME, new String[] {"seed=11,12,13"}, 0, 0, 1, "", "local");
            SweepResult[] r = new SweepResult[1];
            String out = ShellFixture.capture(o -> r[0] = c.run(o, spec));
            assertEquals(r[0].best().orElseThrow().rref(), ShellFixture.lastRref(out));
            assertEquals(r[0].best().orElseThrow().rref().toString(), ShellFixture.lastLine(out));
            assertTrue(out.contains("[3/3] "), out);
            assertTrue(out.contains("RANK  seed  ACCURACY (max)"), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("* 1")), "the best is marked:\n" + out);
            assertTrue(out.contains("done: 3 configuration(s): 3 built, 0 from store, 0 failed"), out);
            String png = out.lines().filter(l -> l.startsWith("plot")).findFirst().orElseThrow().substring(4).trim();
            assertTrue(png.endsWith(".png") && Files.size(Path.of(png)) > 0, out);
        }
    }

    @Test
    void parsesRangesAndRefusesOtherExecutorsAndBadWords() {
        SweepSpec s = SweepCommands.spec("st", new String[] {"a=1,2", "lr=0.001..0.1:log", "d=1..4"}, 3, 7, 2, "loss:min", "local");
        assertEquals(List.of("a", "lr", "d"), s.keys());
        assertTrue(s.ranges().get(0).log());
        assertTrue(s.ranges().get(1).integers());
        assertEquals(3, s.randomDraws());
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> SweepCommands.spec("st", new String[] {"a=1"}, 0, 0, 1, "", "slurm"));
        assertTrue(e.getMessage().contains("executor 'slurm'") && e.getMessage().contains("local"), e.getMessage());
        assertThrows(StagedmlException.class, () -> SweepCommands.spec("st", new String[] {"a=1,,2"}, 0, 0, 1, "", "local"));
        assertThrows(StagedmlException.class, () -> SweepCommands.spec("st", new String[] {"a"}, 0, 0, 1, "", "local"));
        e = assertThrows(StagedmlException.class, () -> SweepCommands.spec("st", new String[] {"lr=0..1"}, 0, 0, 1, "", "local"));
        assertTrue(e.getMessage().contains("--random"), e.getMessage());
    }
}
