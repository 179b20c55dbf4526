package org.stagedml.engine.dl4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
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
}
