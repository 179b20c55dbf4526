package org.stagedml.dataset.wiki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.testing.FolderBuildContext;
import org.stagedml.testing.MediaWikiExport;

/** The wikitext build on a dump of many batches: output in dump order, progress reported. */
class WikiTextStageTest {
    @TempDir
    Path tmp;

    @Test
    void manyPagesComeOutInDumpOrder() throws Exception {
        int copies = 400;
        List<MediaWikiExport.Page> pages = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            pages.addAll(DumpFiles.EN);
        }
        Path dir = Files.createDirectories(tmp.resolve("dump"));
        Files.write(dir.resolve("enwiki-pages-articles.xml.bz2"), DumpFiles.bzip2(DumpFiles.xml("en", pages)));
        WikiTextStage stage = new WikiTextStage();
        FolderBuildContext b = new FolderBuildContext(stage, Map.of("part_mb", 1), Files.createDirectories(tmp.resolve("out")));
        b.dependencyPaths.put("dump", dir);
        stage.build(b);
        // 400 x 278 bytes do not fill 1 MiB: one part holding the articles in dump order
        assertEquals(DumpFiles.EN_TEXT.repeat(copies), Files.readString(b.out.resolve(TextParts.FIRST)));
        assertTrue(b.progress.size() >= 2, b.progress.toString()); // every 1000 pages, and done
        assertEquals(1.0, b.progress.get(b.progress.size() - 1));
    }
}
