package org.stagedml.engine.dl4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.stagedml.api.Resources;
import org.stagedml.api.StagedmlException;
import org.stagedml.engine.dl4j.training.Nd4jCompute;

/** ND4J pinning and resources without a GPU: the CPU backend computes on cpu whatever the grant; the CUDA backend refuses a CPU grant. */
class Nd4jPinTest {
    @Test
    void theCpuBackendComputesOnCpuAndPrefersOneGpu() {
        Nd4jEngine cpu = new Nd4jEngine("test", "cpu", List::of);
        assertEquals("cpu", Nd4jCompute.pin(cpu, List.of("gpu:1")));
        Resources r = Nd4jCompute.resources(cpu);
        assertEquals(1, r.gpus());
        assertEquals("gpus=1 (preferred)", r.gpuText());
        assertEquals(List.of(), cpu.gpus(), "a CPU build has no GPU and loads nothing to say so");
    }

    @Test
    void theCudaBackendGrantedNoGpuFailsClearly() {
        Nd4jEngine cuda = new Nd4jEngine("test", "gpu", List::of);
        StagedmlException e = assertThrows(StagedmlException.class, () -> Nd4jCompute.pin(cuda, List.of("cpu")));
        assertTrue(e.getMessage().contains("cannot compute on the CPU") && e.getMessage().contains("gpus=N"), e.getMessage());
    }

    /**
     * The CUDA path run against ND4J's CPU backend, which reports one device (index 0): a granted
     * gpu:0 attaches the build's thread to it; a GPU beyond the devices ND4J sees fails clearly
     * instead of computing on another build's GPU.
     */
    @Test
    void theCudaPathAttachesTheBuildThreadOrNamesTheDevicesItSees() {
        Nd4jEngine cuda = new Nd4jEngine("test", "gpu", List::of);
        assertEquals("gpu:0", Nd4jCompute.pin(cuda, List.of("gpu:0")));
        assertEquals(0, Nd4j.getAffinityManager().getDeviceForCurrentThread());
        StagedmlException e = assertThrows(StagedmlException.class, () -> Nd4jCompute.pin(cuda, List.of("gpu:1")));
        assertTrue(e.getMessage().contains("granted gpu:1 but ND4J sees 1 CUDA device(s)"), e.getMessage());
    }
}
