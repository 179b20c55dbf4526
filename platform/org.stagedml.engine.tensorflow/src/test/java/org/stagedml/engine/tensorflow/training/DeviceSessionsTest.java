package org.stagedml.engine.tensorflow.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stagedml.api.engine.Gpu;
import org.tensorflow.proto.ConfigProto;

class DeviceSessionsTest {
    static final List<Gpu> TWO = List.of(new Gpu(0, "a", 0), new Gpu(1, "b", 0));

    @Test
    void aGpuSessionSeesEveryGpuAndGrowsMemoryOnlyWhereItsGraphRuns() {
        ConfigProto c = DeviceSessions.config(2, "gpu:1");
        // the visible list is process-wide in TensorFlow: narrowing it per session breaks a second GPU build
        assertEquals("", c.getGpuOptions().getVisibleDeviceList());
        assertTrue(c.getGpuOptions().getAllowGrowth());
        assertEquals(0.0, c.getGpuOptions().getPerProcessGpuMemoryFraction());
        assertFalse(c.getGpuOptions().hasExperimental(), "no virtual devices");
        assertTrue(c.getAllowSoftPlacement(), "kernels that exist only on the CPU fall back to it");
        assertFalse(c.containsDeviceCount("GPU"), "GPUs must not be switched off");
        assertEquals(2, c.getIntraOpParallelismThreads());
        assertTrue(c.getUsePerSessionThreads());
    }

    @Test
    void theCpuKeepsTodaysCpuSession() {
        assertEquals(CpuSessions.config(2), DeviceSessions.config(2, "cpu"));
        assertEquals(0, DeviceSessions.config(2, "cpu").getDeviceCountOrThrow("GPU"));
    }

    @Test
    void choosesTheGrantedGpuOnlyWhenTheEngineHasIt() {
        assertEquals("gpu:1", DeviceSessions.choose(List.of("gpu:1"), TWO));
        assertEquals("cpu", DeviceSessions.choose(List.of("gpu:1"), List.of()), "a CPU build of the natives");
        assertEquals("cpu", DeviceSessions.choose(List.of("gpu:3"), TWO));
        assertEquals("cpu", DeviceSessions.choose(List.of("cpu"), TWO));
    }

    @Test
    void refusesUnknownDevices() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeviceSessions.config(1, "tpu:0"))
                .getMessage().contains("tpu:0"));
        assertThrows(IllegalArgumentException.class, () -> DeviceSessions.config(1, "gpu:x"));
    }
}
