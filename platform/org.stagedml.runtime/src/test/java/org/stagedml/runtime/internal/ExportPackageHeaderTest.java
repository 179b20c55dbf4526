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
    void theApiOnTheClassPathExportsEverySharedPackage() {
        Map<String, String> v = SharedPackages.apiVersions();
        String extra = SharedPackages.systemPackagesExtra(v, "2.18.0");
        assertTrue(extra.contains("org.stagedml.api.store;version=\"" + v.get("org.stagedml.api.store") + "\""), extra);
        assertTrue(ExportPackageHeader.versions(null).isEmpty());
    }
}
