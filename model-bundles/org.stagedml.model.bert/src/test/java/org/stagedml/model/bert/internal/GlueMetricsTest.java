package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GLUE metrics against values worked out by hand (and as sklearn/scipy give them). */
class GlueMetricsTest {
    @Test
    void accuracyF1AndMatthews() {
        int[] gold = {1, 1, 1, 0, 0, 0, 1, 0};
        int[] pred = {1, 1, 0, 0, 1, 0, 1, 0};
        // tp 3, fn 1, fp 1, tn 3
        Map<String, Double> mrpc = GlueMetrics.classification("MRPC", pred, gold);
        assertEquals(0.75, mrpc.get("accuracy"), 1e-12);
        assertEquals(0.75, mrpc.get("f1"), 1e-12);
        assertFalse(mrpc.containsKey("mcc"));
        Map<String, Double> cola = GlueMetrics.classification("CoLA", pred, gold);
        assertEquals(0.5, cola.get("mcc"), 1e-12); // (9 - 1) / sqrt(4 * 4 * 4 * 4)
        assertFalse(cola.containsKey("f1"));
        assertEquals(Map.of("accuracy", 0.75), GlueMetrics.classification("SST-2", pred, gold));
    }

    @Test
    void pearsonAndSpearmanWithTies() {
        float[] gold = {1, 2, 3, 4, 5};
        float[] pred = {2, 4, 6, 8, 100};
        Map<String, Double> m = GlueMetrics.regression(pred, gold);
        assertEquals(1.0, m.get("spearman"), 1e-12);
        assertEquals(0.7432941462471663, m.get("pearson"), 1e-9); // numpy.corrcoef
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, GlueMetrics.ranks(new float[] {0, 5, 5, 9}));
    }
}
