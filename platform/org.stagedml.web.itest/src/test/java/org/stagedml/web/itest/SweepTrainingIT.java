package org.stagedml.web.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.sweep.SweepOutcome;
import org.stagedml.api.sweep.SweepResult;
import org.stagedml.api.sweep.SweepSpec;

/**
 * A sweep of a real training stage: textcnn-glue (whatever engine its bundle trains with) on a
 * generated SST-2, two learning rates for one epoch, through the Sweeper service of the
 * distribution's bundles in a real Felix. Written against the stage's name, config keys and
 * metrics only.
 */
class SweepTrainingIT {
    private static Dashboard dash;

    @BeforeAll
    static void start() throws Exception {
        dash = Dashboard.start(Files.createTempDirectory("stagedml-sweep-it"));
        dash.awaitStage("textcnn-glue");
    }

    @AfterAll
    static void stop() throws Exception {
        if (dash != null) {
            dash.close();
        }
    }

    private static SweepSpec spec() {
        Map<String, List<String>> grid = new LinkedHashMap<>();
        grid.put("task", List.of("SST-2"));
        grid.put("epochs", List.of("1"));
        grid.put("batch", List.of("32"));
        grid.put("vocab", List.of("200"));
        grid.put("embed", List.of("8"));
        grid.put("filters", List.of("8"));
        grid.put("max_len", List.of("16"));
        grid.put("lr", List.of("0.00001", "0.02"));
        return SweepSpec.grid("textcnn-glue", grid);
    }

    private static double accuracy(RRef r) throws Exception {
        JsonNode m = Json.mapper().readTree(dash.store.path(r).resolve("metrics.json").toFile());
        return m.get("accuracy").doubleValue();
    }

    @Test
    void theRankingFollowsTheTrainedAccuracyAndARerunBuildsNothing() throws Exception {
        SweepResult first = dash.sweeper().sweep(spec(), null);
        assertEquals("accuracy", first.metric(), "the stage's matcher is best accuracy");
        assertEquals(2, first.ranked().size());
        assertEquals(0, first.failures(), first.ranked().toString());
        double previous = Double.POSITIVE_INFINITY;
        for (SweepOutcome o : first.ranked()) {
            assertTrue(o.built(), "trained: " + o.point());
            double stored = accuracy(o.rref());
            assertEquals(stored, o.summary().mean(), 0.0, "the mean is the accuracy in metrics.json");
            assertTrue(stored <= previous, "ranked best first: " + first.ranked());
            previous = stored;
        }
        Set<String> lrs = first.ranked().stream().map(o -> o.point().values().get("lr")).collect(Collectors.toSet());
        assertEquals(Set.of("0.00001", "0.02"), lrs);
        assertEquals(2, dash.store.realizationsOf("textcnn-glue").size());
        assertEquals(first.best().orElseThrow().dref(), dash.store.roots().get(first.root()));
        Path png = first.plot();
        assertTrue(png != null && Files.size(png) > 0, "a PNG: " + png);

        SweepResult again = dash.sweeper().sweep(spec(), null);
        assertTrue(again.ranked().stream().noneMatch(SweepOutcome::built), "everything from the store: " + again.ranked());
        assertEquals(2, dash.store.realizationsOf("textcnn-glue").size());
        assertEquals(first.best().orElseThrow().rref(), again.best().orElseThrow().rref());
        assertEquals(first.ranked().stream().map(SweepOutcome::rref).toList(), again.ranked().stream().map(SweepOutcome::rref).toList());

        // the dashboard's page of the sweep ranks as the sweep did, and finds both sweeps
        HttpResponse<String> page = dash.get("/sweeps/" + first.root(), true);
        assertEquals(200, page.statusCode(), page.body());
        String body = page.body();
        int best = body.indexOf("data-index=\"" + first.best().orElseThrow().point().index() + "\" ");
        int other = body.indexOf("data-index=\"" + first.ranked().get(1).point().index() + "\" ");
        assertTrue(best > 0 && other > best, "best row first");
        HttpResponse<String> index = dash.get("/sweeps?stage=textcnn-glue", true);
        assertTrue(index.body().contains(first.root()) && index.body().contains(again.root()), index.body());
        assertFalse(first.root().equals(again.root()));
    }
}
