package org.stagedml.api.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    private static final int MAX = 500;

    @TempDir
    Path tmp;

    @Test
    void numericFieldsBecomeCurvesOverTheStep() throws Exception {
        Path f = Files.writeString(tmp.resolve("history.jsonl"), """
                {"step": 1, "loss": 0.9, "accuracy": 0.5, "time": 12, "note": "x"}
                {"step": 2, "loss": 0.5, "accuracy": 0.7}

                {"step": 3, "loss": NaN-is-not-json
                {"epoch": 4, "loss": 0.25}
                """);
        History h = History.read(f);
        assertEquals(List.of("loss", "accuracy"), List.copyOf(h.curves().keySet()));
        assertEquals(3, h.curves().get("loss").size());
        assertArrayEquals(new double[] {4, 0.25}, h.curves().get("loss").get(2));
        assertEquals(2, h.curves().get("accuracy").size());
    }

    @Test
    void withoutALimitEveryRecordIsRead() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3 * MAX; i++) {
            sb.append("{\"iteration\":").append(i).append(",\"loss\":1,\"timestamp\":5}\n");
        }
        History h = History.read(Files.writeString(tmp.resolve("all.jsonl"), sb));
        assertEquals(3 * MAX, h.curve("loss").size());
        assertEquals(List.of("loss"), List.copyOf(h.curves().keySet()), "timestamp is no curve");
        assertTrue(h.curve("accuracy").isEmpty());
    }

    @Test
    void noFileIsNoCurve() throws Exception {
        assertTrue(History.read(tmp.resolve("none.jsonl")).isEmpty());
    }

    @Test
    void aLongHistoryIsThinnedButKeepsItsEnds() throws Exception {
        StringBuilder sb = new StringBuilder();
        int n = MAX * 3 + 7;
        for (int i = 0; i < n; i++) {
            sb.append("{\"step\":").append(i).append(",\"loss\":").append(1.0 / (i + 1)).append("}\n");
        }
        History h = History.read(Files.writeString(tmp.resolve("long.jsonl"), sb), MAX);
        List<double[]> pts = h.curves().get("loss");
        assertTrue(pts.size() <= MAX + 1, "points " + pts.size());
        assertEquals(0, pts.get(0)[0]);
        assertEquals(n - 1, pts.get(pts.size() - 1)[0]);
    }
}
