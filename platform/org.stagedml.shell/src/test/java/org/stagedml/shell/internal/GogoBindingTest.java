package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;

/**
 * The commands as Gogo 1.1.6 binds them: the real CommandProcessor parses each line and coerces
 * options (anywhere on the line), key=value words and the CommandSession into the methods.
 */
class GogoBindingTest {
    @TempDir
    Path root;
    @TempDir
    Path work;
    ShellFixture f;
    ThreadIOImpl tio;
    CommandProcessorImpl processor;
    ByteArrayOutputStream out;
    CommandSession session;

    @BeforeEach
    void setUp() {
        f = new ShellFixture(root);
        tio = new ThreadIOImpl();
        tio.start();
        processor = new CommandProcessorImpl(tio);
        StageCommands stage = new StageCommands(f.realizer, f.store, null, null);
        for (String fn : new String[] {"list", "show", "instantiate", "realize", "engines"}) {
            processor.addCommand("stage", stage, fn);
        }
        StoreCommands store = new StoreCommands(f.store);
        for (String fn : new String[] {"list", "show", "path", "log", "gc", "roots", "rm", "verify", "export", "import",
                "compare"}) {
            processor.addCommand("store", store, fn);
        }
        StoreRootCommands roots = new StoreRootCommands(f.store);
        processor.addCommand("store", roots, "root-add");
        processor.addCommand("store", roots, "root-rm");
        out = new ByteArrayOutputStream();
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
    }

    @AfterEach
    void tearDown() {
        session.close();
        processor.stop();
        tio.stop();
        f.close();
    }

    /** Runs one line; returns what it printed. */
    private String exec(String line) throws Exception {
        out.reset();
        Object result = session.execute(line);
        assertEquals(null, result, "commands print, they return nothing");
        System.out.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void realizeBindsOptionsAfterThePositionalArguments() throws Exception {
        String three = exec("stage:realize example-random --instances 3 --match latest:3");
        assertEquals(3, three.lines().filter(l -> l.startsWith("rref:")).count(), three);
        assertEquals(3, f.store.realizationsOf("example-random").size());
        exec("stage:realize example-random");
        assertEquals(3, f.store.realizationsOf("example-random").size(), "served from the store");
        exec("stage:realize example-random --force");
        assertEquals(4, f.store.realizationsOf("example-random").size(), "--force after the name rebuilds");
        exec("stage:realize --force example-random");
        exec("stage:realize example-random -f seed=-1");
        assertEquals(6, f.store.realizationsOf("example-random").size());
        RRef worst = RRef.parse(ShellFixture.lastLine(exec("stage:realize example-random --match best:accuracy:1:min")));
        double min = f.store.realizationsOf("example-random").stream().mapToDouble(r -> r.metrics().get("accuracy"))
                .min().orElseThrow();
        assertEquals(min, f.store.realization(worst).orElseThrow().metrics().get("accuracy"));

        String dry = exec("stage:realize example-chain depth=2 --dry-run");
        assertTrue(dry.contains("dry run: 3 derivation(s) would build"), dry);
        RRef chain = RRef.parse(ShellFixture.lastLine(exec("stage:realize example-chain depth=2 -m latest")));
        assertEquals("example-chain", chain.name());
        assertTrue(exec("stage:instantiate example-chain depth=2").contains("nothing to build"));
    }

    @Test
    void mistypedOptionsAndBareWordsAreOneLineErrors() {
        StagedmlException e = assertThrows(StagedmlException.class, () -> exec("stage:realize example-random --forse"));
        assertEquals("unknown option '--forse'; the options are " + StageCommands.REALIZE_OPTIONS, e.getMessage());
        e = assertThrows(StagedmlException.class, () -> exec("stage:realize example-chain depth"));
        assertTrue(e.getMessage().contains("'depth' is not a key=value override"), e.getMessage());
        e = assertThrows(StagedmlException.class, () -> exec("store:gc --dryrun"));
        assertTrue(e.getMessage().startsWith("unknown option '--dryrun'"), e.getMessage());
        e = assertThrows(StagedmlException.class, () -> exec("store:list example-hello example-chain"));
        assertEquals("too many arguments; usage: store:list [NAME|REF]", e.getMessage());
        e = assertThrows(StagedmlException.class, () -> exec("store:rm example-hello"));
        assertTrue(e.getMessage().startsWith("not a reference: 'example-hello'"), e.getMessage());
    }

    @Test
    void storeCommandsBindIncludingHyphenatedAndKeywordNames() throws Exception {
        RRef hello = RRef.parse(ShellFixture.lastLine(exec("stage:realize example-hello greeting=hi")));
        exec("stage:realize example-sleep seconds=0.2 --no-root");
        assertEquals(1, exec("store:list example-hello").lines().filter(l -> l.contains("rref:")).count());
        assertEquals(2, exec("store:list").lines().filter(l -> l.contains("rref:")).count());
        assertEquals(f.store.path(hello).toString(), ShellFixture.lastLine(exec("store:path " + hello)));
        assertTrue(exec("store:show " + hello).contains("\"greeting\" : \"hi\""));

        assertEquals("root keep -> " + hello, exec("store:root-add keep " + hello).strip());
        assertTrue(exec("store:roots").contains("keep"));
        assertTrue(exec("store:gc --dry-run").contains("would remove"));
        exec("store:gc");
        assertTrue(f.store.realization(hello).isPresent());
        assertTrue(f.store.realizationsOf("example-sleep").isEmpty());
        assertEquals("removed root keep", exec("store:root-rm keep").strip());
        StagedmlException e = assertThrows(StagedmlException.class, () -> exec("store:root-add keep"));
        assertEquals("root-add takes 2 argument(s), got 1 (help root-add says which)", e.getMessage());

        assertTrue(exec("store:verify").contains("ok"));
        Path archive = work.resolve("hello.archive");
        exec("store:export " + hello + " " + archive);
        exec("store:rm " + hello);
        assertTrue(f.store.realization(hello).isEmpty());
        assertTrue(exec("store:import " + archive).contains("imported " + hello));
        assertTrue(f.store.realization(hello).isPresent());
    }

    @Test
    void compareWritesThePlotAndPrintsItsAbsolutePath() throws Exception {
        exec("stage:realize example-random --force");
        exec("stage:realize example-random --force");
        Path png = work.resolve("cmp.png");
        String output = exec("store:compare example-random --out " + png);
        assertEquals("plot: " + png, ShellFixture.lastLine(output));
        assertTrue(Files.size(png) > 1000);
        String defaultOut = exec("store:compare example-random");
        assertTrue(ShellFixture.lastLine(defaultOut).matches("plot: /\\S+\\.png"), defaultOut);
    }
}
