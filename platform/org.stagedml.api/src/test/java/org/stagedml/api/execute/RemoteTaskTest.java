package org.stagedml.api.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stagedml.api.DRef;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;

class RemoteTaskTest {
    private static final DRef D = DRef.parse("dref:0123456789abcdef0123456789abcdef-train");
    private static final DRef DEP = DRef.parse("dref:fedcba9876543210fedcba9876543210-data");
    private static final RRef R1 = RRef.parse("rref:00000000000000000000000000000001-fedcba9876543210fedcba9876543210-data");
    private static final RRef R2 = RRef.parse("rref:00000000000000000000000000000002-fedcba9876543210fedcba9876543210-data");

    @Test
    void aTaskSurvivesItsJsonForm() throws Exception {
        RemoteTask t = new RemoteTask(new BuildOrder(D, Map.of(DEP, List.of(R1, R2)), "best:acc:2:max", 3, true), 4,
                Map.of("slurm.job", "SLURM_JOB_ID"));
        String text = Json.mapper().writeValueAsString(t.toJson());
        assertEquals(t, RemoteTask.fromJson(Json.mapper().readTree(text)));
        RemoteTask plain = new RemoteTask(new BuildOrder(D, Map.of(), null, 1, false), 1, Map.of());
        assertEquals(plain, RemoteTask.fromJson(plain.toJson()));
    }

    @Test
    void notATaskIsRefused() {
        StagedmlException e = assertThrows(StagedmlException.class, () -> RemoteTask.fromJson(Json.mapper().createObjectNode()));
        assertTrue(e.getMessage().contains("dref"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BuildOrder(D, Map.of(), null, 0, false));
    }

    @Test
    void progressLinesGoThereAndBack() {
        ProgressLine p = new ProgressLine(0.42, "epoch 3/7");
        assertEquals("progress  42% epoch 3/7", p.format());
        assertEquals(Optional.of(new ProgressLine(0.42, "epoch 3/7")), ProgressLine.parse(p.format()));
        assertEquals(Optional.empty(), ProgressLine.parse("started: building x"));
        assertEquals(1.0, ProgressLine.parse("progress 100% done").orElseThrow().fraction());
    }
}
