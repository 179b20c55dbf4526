package org.stagedml.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportPackageHeaderTest {
    @Test
    void eachPackageKeepsItsOwnVersionAndQuotedCommasDoNotSplitClauses() {
        String header = "org.stagedml.api;version=\"0.1.0\";uses:=\"com.fasterxml.jackson.databind,"
                + "com.fasterxml.jackson.databind.node\",org.stagedml.api.engine;version=\"0.1.0\","
                + "org.stagedml.api.realize;version=\"0.2.0\";uses:=\"com.fasterxml.jackson.databind,org.stagedml.api\","
                + "a.b;c.d;version=1.2,e.f";
        Map<String, String> v = ExportPackageHeader.versions(header);
        assertEquals(Map.of("org.stagedml.api", "0.1.0", "org.stagedml.api.engine", "0.1.0",
                "org.stagedml.api.realize", "0.2.0", "a.b", "1.2", "c.d", "1.2", "e.f", "0.0.0"), v);
    }

    @Test
    void theSharedPackagesAreWhatTheApiAndJacksonJarsExport() {
        Map<String, String> shared = SharedPackages.exportedPackages();
        // the API's packages at their own versions, as its manifest says
        assertEquals(SharedPackages.exports(org.stagedml.api.Config.class), Map.copyOf(
                shared.entrySet().stream().filter(e -> e.getKey().startsWith("org.stagedml.api"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
        assertTrue(shared.containsKey("org.stagedml.api.store"), shared.toString());
        // Jackson's, every one its jars export (more than the 34 once listed by hand), at the jar's version
        String jackson = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString().replace("-SNAPSHOT", "");
        for (String p : new String[] {"com.fasterxml.jackson.annotation", "com.fasterxml.jackson.core",
                "com.fasterxml.jackson.core.json.async", "com.fasterxml.jackson.databind.node",
                "com.fasterxml.jackson.databind.util.internal"}) {
            assertEquals(jackson, shared.get(p), p);
        }
        assertTrue(shared.keySet().stream().filter(p -> p.startsWith("com.fasterxml.jackson")).count() >= 34, shared.toString());
        String extra = SharedPackages.systemPackagesExtra(shared);
        assertTrue(extra.contains("com.fasterxml.jackson.databind.node;version=\"" + jackson + "\""), extra);
        assertTrue(extra.contains("org.stagedml.api.store;version=\"" + shared.get("org.stagedml.api.store") + "\""), extra);
        assertTrue(ExportPackageHeader.versions(null).isEmpty());
    }
}
