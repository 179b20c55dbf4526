package org.stagedml.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stagedml.api.RRef;

class DependencyGraphTest {
    private static RRef r(char c, String name) {
        String h = String.valueOf(c).repeat(32);
        return new RRef(h, h, name);
    }

    @Test
    void dependenciesStandLeftOfWhatUsedThem() {
        RRef model = r('a', "model");
        RRef data = r('b', "data");
        RRef raw = r('c', "raw");
        RRef vocab = r('d', "vocab");
        // model uses data and vocab; data uses raw; vocab uses raw too (a diamond)
        Map<RRef, List<RRef>> deps = Map.of(model, List.of(data, vocab), data, List.of(raw), vocab, List.of(raw));
        DependencyGraph g = DependencyGraph.of(model, r -> deps.getOrDefault(r, List.of()));
        assertEquals(List.of(List.of(raw), List.of(data, vocab), List.of(model)), g.columns());
        assertEquals(4, g.nodes().size());

        String svg = DagSvg.render(g);
        assertTrue(svg.startsWith("<svg"), svg);
        assertEquals(4, svg.split("class=\"dag-node\"", -1).length - 1);
        assertEquals(4, svg.split("class=\"dag-edge\"", -1).length - 1);
        assertTrue(svg.contains("href=\"/realization/" + raw + "\""), svg);
    }

    @Test
    void aRealizationWithoutDependenciesIsOneBox() {
        RRef alone = r('e', "example-random");
        DependencyGraph g = DependencyGraph.of(alone, r -> List.of());
        assertEquals(List.of(List.of(alone)), g.columns());
        String svg = DagSvg.render(g);
        assertEquals(1, svg.split("class=\"dag-node\"", -1).length - 1);
        assertTrue(svg.contains("example-random"));
    }
}
