package org.stagedml.api.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmitterEnvironmentTest {
    @Test
    void theClientsEncodingIsReadBack() {
        assertEquals(Map.of("PATH", "/a:/b", "OPTS", "x=y z"), SubmitterEnvironment.decode("PATH=/a:/b\0OPTS=x=y z\0"));
        assertNull(SubmitterEnvironment.decode(null), "no client: this process's environment");
        assertNull(SubmitterEnvironment.decode(42));
    }

    @Test
    void anEnvironmentHoldsOnItsThreadOnlyWhileItRuns() {
        Map<String, String> client = Map.of("SLURM_CONF", "/client/slurm.conf");
        String inside = SubmitterEnvironment.with(client, () -> SubmitterEnvironment.current().get("SLURM_CONF"));
        assertEquals("/client/slurm.conf", inside);
        assertEquals(System.getenv(), SubmitterEnvironment.current());
        assertEquals(System.getenv(), SubmitterEnvironment.with(null, SubmitterEnvironment::current));
    }
}
