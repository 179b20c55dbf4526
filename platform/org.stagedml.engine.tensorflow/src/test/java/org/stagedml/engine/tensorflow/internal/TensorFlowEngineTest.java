package org.stagedml.engine.tensorflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
