package org.stagedml.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * Drives the Gogo command set inside the real framework, through the real CommandProcessor, over
 * the real store, realizer and example stages: what a user types in the shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ShellCommandsIT {
    private static final Pattern RREF = Pattern.compile("rref:[0-9a-f]{32}-[0-9a-f]{32}-[A-Za-z0-9_.-]+");

    @Configuration
    public Option[] config() {
        return FrameworkOptions.forHome(Path.of(System.getProperty("stagedml.itest.home", "target/itest-home") + "-shell"));
    }

    /** The output of a command line; a failure's message when it throws. */
    private record Run(String out, Exception error) {
    }

    private static Run run(String line) throws InterruptedException {
        BundleContext bc = FrameworkUtil.getBundle(ShellCommandsIT.class).getBundleContext();
        ServiceReference<CommandProcessor> ref = bc.getServiceReference(CommandProcessor.class);
        assertNotNull("no Gogo CommandProcessor", ref);
        awaitCommand(bc, line.split(" ")[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
                CommandSession session = bc.getService(ref).createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = session.execute(line);
            if (result != null) {
                print.println(session.format(result, 0));
            }
            return new Run(out.toString(StandardCharsets.UTF_8), null);
        } catch (Exception e) {
            return new Run(out.toString(StandardCharsets.UTF_8), e);
        }
    }

    /** Command components register as SCR activates them; wait for the one a line needs. */
    private static void awaitCommand(BundleContext bc, String command) throws InterruptedException {
        String[] sf = command.split(":");
        String filter = "(&(osgi.command.scope=" + sf[0] + ")(osgi.command.function=" + sf[1] + "))";
        for (int i = 0; i < 300; i++) {
            try {
                if (bc.getServiceReferences((String) null, filter) != null) {
                    return;
                }
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
            Thread.sleep(100);
        }
        fail("command " + command + " never registered");
    }

    private static Run ok(String line) throws InterruptedException {
        Run r = run(line);
        if (r.error() != null) {
            throw new AssertionError(line + " failed: " + r.error() + "\n" + r.out(), r.error());
        }
        return r;
    }

    private static String lastRref(String out) {
        Matcher m = RREF.matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        assertNotNull("no rref in:\n" + out, last);
        return last;
    }

    @Test
    public void a_listShowsTheExampleStagesWithTheirBundle() throws Exception {
        String out = ok("stage:list").out();
        assertTrue(out, out.contains("example-hello") && out.contains("org.stagedml.model.examples"));
        String show = ok("stage:show example-chain").out();
        assertTrue(show, show.contains("depth"));
    }

    @Test
    public void b_realizeBuildsThenServesFromTheStore() throws Exception {
        String first = ok("stage:realize example-chain depth=8").out();
        String second = ok("stage:realize example-chain depth=8").out();
        assertEquals(lastRref(first), lastRref(second));
        assertTrue(second, second.contains("0 built"));
        String path = ok("store:path " + lastRref(first)).out().trim();
        assertTrue(path, Files.isDirectory(Path.of(path.lines().reduce((a, b) -> b).orElseThrow())));
        ok("store:verify");
    }

    @Test
    public void c_badInputIsOneClearError() throws Exception {
        Run unknownField = run("stage:realize example-hello no_such_field=1");
        assertNotNull(unknownField.error());
        assertTrue(unknownField.error().getMessage(), unknownField.error().getMessage().contains("no_such_field"));
        Run unknownStage = run("stage:realize no-such-stage");
        assertNotNull(unknownStage.error());
        assertTrue(unknownStage.error().getMessage(), unknownStage.error().getMessage().contains("no-such-stage"));
        Run failing = run("stage:realize example-fail");
        assertNotNull(failing.error());
        String msg = failing.error().getMessage();
        assertTrue(msg, msg.contains("example-fail") && msg.contains("dref:"));
    }

    @Test
    public void d_rootsKeepWhatGcWouldRemove() throws Exception {
        String kept = lastRref(ok("stage:realize example-hello greeting=kept --no-root").out());
        String dropped = lastRref(ok("stage:realize example-hello greeting=dropped --no-root").out());
        ok("store:root-add keep " + kept);
        String dry = ok("store:gc --dry-run").out();
        assertTrue(dry, dry.contains(dropped.substring(5, 37)) || dry.contains(dropped));
        ok("store:gc");
        assertNotNull(ok("store:path " + kept).out());
        assertNotNull("gc kept an unrooted realization", run("store:path " + dropped).error());
    }

    @Test
    public void e_compareWritesAPlot() throws Exception {
        for (int i = 0; i < 3; i++) {
            ok("stage:realize example-random --force");
        }
        String out = ok("store:compare example-random").out();
        Matcher png = Pattern.compile("(/\\S+\\.png)").matcher(out);
        assertTrue(out, png.find());
        byte[] head = Files.readAllBytes(Path.of(png.group(1)));
        assertEquals("PNG", new String(head, 1, 3, StandardCharsets.US_ASCII));
    }
}
