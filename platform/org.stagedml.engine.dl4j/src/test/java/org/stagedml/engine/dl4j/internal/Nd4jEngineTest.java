package org.stagedml.engine.dl4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;
import org.stagedml.api.StagedmlException;
import org.nd4j.common.config.ND4JClassLoading;

class Nd4jEngineTest {
    @Test
    void describesItselfFromWhatItIsGiven() {
        Nd4jEngine engine = new Nd4jEngine("1.0.0-M2.1 (nd4j-native)", "cpu");
        assertEquals("ND4J", engine.name());
        assertEquals("1.0.0-M2.1 (nd4j-native)", engine.version());
        assertEquals("cpu", engine.backend());
    }

    @Test
    void pointsNd4jClassLoadingAtTheEngine() {
        ND4JClassLoading.setNd4jClassloader(ClassLoader.getPlatformClassLoader());
        new Nd4jEngine("v", "cpu");
        assertSame(Nd4jEngine.class.getClassLoader(), ND4JClassLoading.getNd4jClassloader());
    }

    @Test
    void listsTheCpuBackendOnceAndKeepsIt() {
        Nd4jEngine engine = new Nd4jEngine("v", "cpu");
        List<String> devices = engine.devices();
        assertEquals(1, devices.size(), "devices: " + devices);
        assertTrue(devices.get(0).matches("CPU \\(\\d+ cores, \\w+\\)"), "devices: " + devices);
        assertSame(devices, engine.devices());
    }

    @Test
    void aFailedProbeIsLoggedOnceWithItsCauseAndReportedOnEveryCall() {
        AtomicInteger probes = new AtomicInteger();
        Nd4jEngine engine = new Nd4jEngine("v", "cpu", () -> {
            probes.incrementAndGet();
            throw new UnsatisfiedLinkError("no libnd4jcpu.so here");
        });
        List<Object[]> errors = new ArrayList<>();
        engine.logger = recording(errors);
        StagedmlException first = assertThrows(StagedmlException.class, engine::devices);
        assertTrue(first.getMessage().contains("no libnd4jcpu.so here"), first.getMessage());
        assertSame(first, assertThrows(StagedmlException.class, engine::devices), "the same failure, not an empty list");
        assertEquals(1, probes.get(), "the natives are tried once");
        assertEquals(1, errors.size(), "logged once");
        assertSame(first, errors.get(0)[errors.get(0).length - 1], "with the exception as its cause");
    }

    /** A real Logger interface recording the error calls (a JDK proxy: the interface has some forty methods). */
    static Logger recording(List<Object[]> errors) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("error")) {
                        errors.add(args);
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE
                            : method.getReturnType() == String.class ? "test" : null;
                });
    }
}
