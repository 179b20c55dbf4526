package org.stagedml.engine.tensorflow.internal;

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

class TensorFlowEngineTest {
    @Test
    void describesItselfFromWhatItIsGiven() {
        TensorFlowEngine engine = new TensorFlowEngine("1.1.0 (native 2.18.0)", "cpu");
        assertEquals("TensorFlow", engine.name());
        assertEquals("1.1.0 (native 2.18.0)", engine.version());
        assertEquals("cpu", engine.backend());
    }

    @Test
    void listsTheCpuOfASessionOnceAndKeepsIt() {
        TensorFlowEngine engine = new TensorFlowEngine("1.1.0", "cpu");
        List<String> devices = engine.devices();
        assertTrue(devices.contains("/device:CPU:0"), "devices: " + devices);
        assertTrue(devices.stream().allMatch(d -> d.startsWith("/device:")), "devices: " + devices);
        assertSame(devices, engine.devices());
    }

    @Test
    void reportsTheNativeVersionTheBuildDeclares() {
        assertEquals(System.getProperty("tensorflow.native.version", "2.18.0"), SessionDevices.nativeVersion());
    }

    @Test
    void aFailedProbeIsLoggedOnceWithItsCauseAndReportedOnEveryCall() {
        AtomicInteger probes = new AtomicInteger();
        TensorFlowEngine engine = new TensorFlowEngine("v", "cpu", () -> {
            probes.incrementAndGet();
            throw new UnsatisfiedLinkError("no libtensorflow.so here");
        });
        List<Object[]> errors = new ArrayList<>();
        engine.logger = recording(errors);
        StagedmlException first = assertThrows(StagedmlException.class, engine::devices);
        assertTrue(first.getMessage().contains("no libtensorflow.so here"), first.getMessage());
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
