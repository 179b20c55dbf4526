package org.stagedml.engine.tensorflow.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

class CpuSessionsTest {
    @Test
    void givesTheSessionExactlyTheGrantedThreadsInPoolsOfItsOwnOnTheCpu() {
        ConfigProto c = CpuSessions.config(3);
        assertEquals(3, c.getIntraOpParallelismThreads());
        assertEquals(1, c.getInterOpParallelismThreads());
        assertTrue(c.getUsePerSessionThreads());
        assertEquals(0, c.getDeviceCountOrThrow("GPU"));
    }

    @Test
    void refusesLessThanOneThread() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuSessions.config(0));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }
}
