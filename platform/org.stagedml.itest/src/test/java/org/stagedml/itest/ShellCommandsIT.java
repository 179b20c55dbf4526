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

    @Test
    public void f_helpDescribesEveryCommandHyphenatedOnesToo() throws Exception {
        String out = ok("stagedml:help store:root-add").out();
        assertTrue(out, out.contains("root-add - add (or replace) a named GC root") && out.contains("parameters:"));
        String list = ok("stagedml:help").out();
        assertTrue(list, list.contains("store:root-rm") && list.contains("stage:realize") && list.contains("felix:lb"));
        assertTrue(ok("store:root-add help-check example-chain").out().contains("root help-check -> rref:"));
        assertTrue(ok("store:root-rm help-check").out().contains("removed root help-check"));
    }

    /** The console's completion: installed into a session that has the console's completion data, then asked for a line. */
    @Test
    public void g_theConsoleCompletesStagesConfigKeysAndRefs() throws Exception {
        BundleContext bc = FrameworkUtil.getBundle(ShellCommandsIT.class).getBundleContext();
        awaitCommand(bc, "stage:__complete");
        CommandProcessor processor = bc.getService(bc.getServiceReference(CommandProcessor.class));
        ByteArrayOutputStream out = new ByteArrayOutputStream(); // not System.out: Gogo's own stream would write into itself
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            java.util.Map<String, java.util.List<org.jline.builtins.Completers.CompletionData>> completions = new java.util.HashMap<>();
            session.put(".completions", completions); // what the JLine console keeps per session
            session.execute("echo first line");
            assertTrue(completions.keySet().toString(), completions.containsKey("stage:realize")
                    && completions.containsKey("store:root-rm"));
            assertTrue(completions.get("stage:realize").stream().anyMatch(d -> d.options != null && d.options.contains("--force")));

            org.jline.reader.impl.DefaultParser parser = new org.jline.reader.impl.DefaultParser();
            session.put(".commandLine", parser.parse("stage:realize example-ch", 24));
            java.util.List<String> stages = values(session.execute("stage:__complete"));
            assertTrue(stages.toString(), stages.contains("example-chain") && stages.contains("example-hello"));
            session.put(".commandLine", parser.parse("stage:realize example-chain de", 30));
            assertTrue(values(session.execute("stage:__complete")).contains("depth="));
            session.put(".commandLine", parser.parse("store:show ", 11));
            java.util.List<String> refs = values(session.execute("stage:__complete"));
            assertTrue(refs.toString(), refs.contains("example-chain") && refs.stream().anyMatch(r -> r.startsWith("rref:")));
        }
    }

    private static java.util.List<String> values(Object candidates) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Object c : (java.util.List<?>) candidates) {
            out.add(((org.jline.reader.Candidate) c).value());
        }
        return out;
    }

    /** What the bundles log reaches $STAGEDML_HOME/logs/stagedml.log. */
    @Test
    public void h_theLogIsInTheHomesLogFile() throws Exception {
        BundleContext bc = FrameworkUtil.getBundle(ShellCommandsIT.class).getBundleContext();
        org.osgi.service.log.LoggerFactory factory = null;
        for (ServiceReference<org.osgi.service.log.LoggerFactory> r : bc.getServiceReferences(
                org.osgi.service.log.LoggerFactory.class, null)) {
            if ("org.apache.felix.log".equals(r.getBundle().getSymbolicName())) {
                factory = bc.getService(r);
            }
        }
        assertNotNull("no LoggerFactory of Felix Log", factory);
        String marker = "itest marker " + System.nanoTime();
        factory.getLogger("org.stagedml.itest").info(marker);
        factory.getLogger("org.stagedml.itest").debug(marker + " debug");
        Path file = Path.of(System.getProperty("stagedml.itest.home", "target/itest-home") + "-shell", "logs", "stagedml.log");
        String text = "";
        for (int i = 0; i < 100 && !text.contains(marker); i++) {
            Thread.sleep(100);
            text = Files.isRegularFile(file) ? Files.readString(file) : "";
        }
        assertTrue(file + ":\n" + text, text.contains("INFO  [" + ProcessHandle.current().pid() + "] "
                + bc.getBundle().getSymbolicName() + " org.stagedml.itest: " + marker));
        assertTrue("DEBUG is left out: " + text, !text.contains(marker + " debug"));
        String ours = "[" + ProcessHandle.current().pid() + "]"; // the file outlives processes: this one's lines
        assertTrue("framework events stay out: " + text, text.lines().filter(l -> l.contains(ours))
                .noneMatch(l -> l.contains("ServiceEvent REGISTERED") || l.contains("BundleEvent STARTED")));
        // felix:log is tested by CommandLineIT: here Pax Exam's own logging API hides Felix Log's reader from it
    }
}
