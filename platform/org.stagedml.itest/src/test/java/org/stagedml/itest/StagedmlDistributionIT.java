package org.stagedml.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.stagedml.api.engine.Engine;

/**
 * Boots Felix with every bundle of the distribution and checks, inside the framework, that the
 * platform came up whole and that both engines compute. Methods run in name order so the engines
 * report their devices (and the time of that first, native-loading call) before training.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class StagedmlDistributionIT {
    private static final long SETTLE_MILLIS = 30_000;

    @Configuration
    public Option[] config() {
        return FrameworkOptions.forHome(Path.of(System.getProperty("stagedml.itest.home", "target/itest-home")));
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(StagedmlDistributionIT.class).getBundleContext();
    }

    @Test
    public void allBundlesAreActive() throws InterruptedException {
        List<String> inactive = Frameworks.awaitEmpty(() -> Frameworks.inactiveBundles(context()), SETTLE_MILLIS);
        assertTrue("bundles not ACTIVE: " + inactive, inactive.isEmpty());
    }

    @Test
    public void allComponentsAreSatisfied() throws InterruptedException {
        var scr = Frameworks.scr(context());
        assertFalse("no DS components at all", scr.getComponentDescriptionDTOs().isEmpty());
        List<String> unsatisfied = Frameworks.awaitEmpty(() -> Frameworks.unsatisfiedComponents(scr), SETTLE_MILLIS);
        assertTrue("components neither ACTIVE nor SATISFIED: " + unsatisfied, unsatisfied.isEmpty());
    }

    @Test
    public void enginesListTheirDevices() throws InterruptedException {
        Engine tensorflow = engine("tensorflow");
        Engine nd4j = engine("nd4j");
        if (NativeLibraries.readable()) {
            // start-up stays fast: the engines are active, yet no engine native is loaded
            List<String> loaded = NativeLibraries.mapped("libtensorflow", "libjnitensorflow", "libnd4j", "libjnind4j", "openblas");
            assertTrue("engine natives loaded before first use: " + loaded, loaded.isEmpty());
        }
        assertEquals("TensorFlow", tensorflow.name());
        assertEquals("ND4J", nd4j.name());
        for (Engine engine : List.of(tensorflow, nd4j)) {
            assertTrue(engine + " backend", List.of("cpu", "gpu").contains(engine.backend()));
            long start = System.nanoTime();
            List<String> devices = engine.devices();
            System.out.printf("%s %s (%s): %s, first devices() call %.2f s%n", engine.name(), engine.version(),
                    engine.backend(), devices, (System.nanoTime() - start) / 1e9);
            assertFalse(engine + " lists no devices", devices.isEmpty());
        }
        assertTrue(tensorflow.devices().toString(), tensorflow.devices().contains("/device:CPU:0"));
    }

    @Test
    public void networkFitsWithDl4j() {
        List<Double> scores = SmallNetwork.fit(20);
        System.out.println("DL4J scores: " + scores);
        assertTrue("DL4J score did not decrease: " + scores, scores.get(scores.size() - 1) < scores.get(0));
    }

    @Test
    public void shellReportsBothEngines() throws Exception {
        ServiceReference<CommandProcessor> ref = context().getServiceReference(CommandProcessor.class);
        assertTrue("no Gogo CommandProcessor in the distribution", ref != null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
                CommandSession session = context().getService(ref)
                        .createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            session.execute("stage:engines");
        }
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue("stage:engines lacks TensorFlow:\n" + table, table.contains("TensorFlow"));
        assertTrue("stage:engines lacks ND4J:\n" + table, table.contains("ND4J"));
    }

    @Test
    public void tensorFlowGraphTrains() {
        List<Float> losses = LinearRegression.train(20);
        System.out.println("TensorFlow losses: " + losses);
        assertTrue("TensorFlow loss did not decrease: " + losses, losses.get(losses.size() - 1) < losses.get(0) / 2);
    }

    private static Engine engine(String name) throws InterruptedException {
        String filter = "(engine=" + name + ")";
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        try {
            while (true) {
                var refs = context().getServiceReferences(Engine.class, filter);
                if (!refs.isEmpty()) {
                    ServiceReference<Engine> ref = refs.iterator().next();
                    return context().getService(ref);
                }
                if (System.currentTimeMillis() > deadline) {
                    fail("no Engine service " + filter + " within " + SETTLE_MILLIS + " ms");
                }
                Thread.sleep(100);
            }
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
