package org.stagedml.dataset.wiki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stagedml.api.stage.Dependency;

/** The catalogue: the original StagedML's dumps and checksums, fetched by fetchurl. */
class WikiSourcesTest {
    @Test
    void theDefaultDumpsAreTheOriginalOnes() {
        WikiDumpStage stage = new WikiDumpStage();
        Dependency en = stage.dependencies(stage.schema().apply("wikidump", Map.of())).get("file");
        assertEquals("fetchurl", en.stage());
        assertEquals("https://dumps.wikimedia.org/enwiki/20200301/enwiki-20200301-pages-articles.xml.bz2", en.overrides().get("url"));
        assertEquals("852dfec9eba3c4d5ec259e60dca233b6a777a05e", en.overrides().get("sha1"));
        Dependency ru = stage.dependencies(stage.schema().apply("wikidump", Map.of("language", "ru"))).get("file");
        assertEquals("https://dumps.wikimedia.org/ruwiki/20200301/ruwiki-20200301-pages-articles.xml.bz2", ru.overrides().get("url"));
        assertEquals("9f522ccf2931497e99a12d001a3bc7910f275519", ru.overrides().get("sha1"));
    }
}
