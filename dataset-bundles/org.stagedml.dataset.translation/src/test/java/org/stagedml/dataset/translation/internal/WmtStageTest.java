package org.stagedml.dataset.translation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.CancelledException;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Dependency;
import org.stagedml.testing.FolderBuildContext;

/** The wmt build called directly on generated archives in the published layout. */
class WmtStageTest {
    static final String NC = "training/news-commentary-v9";
    static final String EP = "training/europarl-v7";
    @TempDir
    Path tmp;
    private final WmtStage stage = new WmtStage();
    private int builds;

    /** The archives of the default corpora and dev.tgz, under the URLs' file names. */
    static Map<String, byte[]> archives() throws IOException {
        Map<String, byte[]> a = new LinkedHashMap<>();
        a.put("europarl_v7", TranslationFiles.trainingArchive("europarl_v7", EP, 6, "de", "fr"));
        a.put("commoncrawl", TranslationFiles.tgz("commoncrawl.de-en.de", TranslationFiles.trainingFile("commoncrawl", 3, "de", false),
                "commoncrawl.de-en.en", TranslationFiles.trainingFile("commoncrawl", 3, "en", false),
                "commoncrawl.ru-en.ru", TranslationFiles.trainingFile("commoncrawl", 3, "ru", false),
                "commoncrawl.ru-en.en", TranslationFiles.trainingFile("commoncrawl", 3, "en", false)));
        a.put("newscommentary_v9", TranslationFiles.trainingArchive("newscommentary_v9", NC, 5, "de", "ru"));
        a.put("newstest", TranslationFiles.devArchive());
        return a;
    }

    private FolderBuildContext build(Map<String, ?> overrides, Map<String, byte[]> archives) throws Exception {
        return build(overrides, archives, () -> false);
    }

    private FolderBuildContext build(Map<String, ?> overrides, Map<String, byte[]> archives, BooleanSupplier cancel)
            throws Exception {
        FolderBuildContext b = new FolderBuildContext(stage, overrides, Files.createDirectories(tmp.resolve("out" + builds)));
        b.cancel = cancel;
        Map<String, Dependency> deps = stage.dependencies(b.config);
        for (String field : deps.keySet()) {
            String url = (String) deps.get(field).overrides().get("url");
            Path dep = Files.createDirectories(tmp.resolve("fetched-" + builds + "-" + field));
            Files.write(dep.resolve(url.substring(url.lastIndexOf('/') + 1)), archives.get(field));
            Files.writeString(dep.resolve("context.json"), "{}");
            b.dependencyPaths.put(field, dep);
        }
        builds++;
        stage.build(b);
        return b;
    }

    @Test
    void enDeIsTheTrainingCorporaNewstest2013AndNewstest2014() throws Exception {
        FolderBuildContext b = build(Map.of(), archives());
        List<JsonNode> train = TranslationFiles.lines(b.out.resolve("train.jsonl"));
        // europarl 6 + commoncrawl 3 + news-commentary 5, less the blank German line 2 of the two archives made so
        assertEquals(5 + 3 + 4, train.size());
        assertEquals("europarl_v7-1", train.get(0).get("id").asText());
        assertEquals(TranslationFiles.sentence("europarl_v7", 1, "en"), train.get(0).get("source").asText());
        assertEquals(TranslationFiles.sentence("europarl_v7", 1, "de"), train.get(0).get("target").asText());
        assertEquals("europarl_v7-3", train.get(1).get("id").asText(), "line 2 has an empty German side");
        assertEquals("commoncrawl-1", train.get(5).get("id").asText(), "corpora in the order named");
        assertEquals("newscommentary_v9-5", train.get(train.size() - 1).get("id").asText());
        List<JsonNode> dev = TranslationFiles.lines(b.out.resolve("dev.jsonl"));
        assertEquals(4, dev.size());
        assertEquals("newstest2013-2", dev.get(1).get("id").asText());
        assertEquals(TranslationFiles.dev(2, "de"), dev.get(1).get("target").asText());
        List<JsonNode> test = TranslationFiles.lines(b.out.resolve("test.jsonl"));
        assertEquals(5, test.size());
        assertEquals("newstest2014-2", test.get(1).get("id").asText());
        // the SGML's text, whitespace collapsed, entities as written (as sacreBLEU reads it)
        assertEquals(TranslationFiles.test(2, "en"), test.get(1).get("source").asText());
        assertEquals(TranslationFiles.test(5, "de"), test.get(4).get("target").asText());
        JsonNode info = Json.mapper().readTree(b.out.resolve("corpus.json").toFile());
        assertEquals("wmt", info.get("corpus").asText());
        assertEquals("en", info.get("source_language").asText());
        assertEquals("de", info.get("target_language").asText());
        assertEquals(12, info.get("counts").get("train").asInt());
        assertEquals(4, info.get("counts").get("dev").asInt());
        assertEquals(5, info.get("counts").get("test").asInt());
        assertEquals(List.of("train", "dev", "test"), names(info.get("counts")));
        assertEquals(2, info.get("skipped").get("train").asInt());
        assertEquals(3, info.get("train_corpora").get("commoncrawl").asInt());
        try (Stream<Path> files = Files.list(b.out)) {
            assertEquals(List.of("corpus.json", "dev.jsonl", "test.jsonl", "train.jsonl"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no scratch files left");
        }
    }

    private static List<String> names(JsonNode n) {
        List<String> s = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void ruEnReversesTheSidesAndLeavesOutCorporaWithoutRussian() throws Exception {
        Map<String, Dependency> deps = stage.dependencies(stage.schema().apply("wmt", Map.of("pair", "ru-en")));
        assertEquals(List.of("commoncrawl", "newscommentary_v9", "newstest"), List.copyOf(deps.keySet()));
        FolderBuildContext b = build(Map.of("pair", "ru-en"), archives());
        List<JsonNode> train = TranslationFiles.lines(b.out.resolve("train.jsonl"));
        assertEquals(3 + 4, train.size());
        assertEquals(TranslationFiles.sentence("commoncrawl", 1, "ru"), train.get(0).get("source").asText());
        assertEquals(TranslationFiles.sentence("commoncrawl", 1, "en"), train.get(0).get("target").asText());
        JsonNode test = TranslationFiles.lines(b.out.resolve("test.jsonl")).get(0);
        assertEquals(TranslationFiles.test(1, "ru"), test.get("source").asText());
        assertEquals(TranslationFiles.test(1, "en"), test.get("target").asText());
        JsonNode info = Json.mapper().readTree(b.out.resolve("corpus.json").toFile());
        assertEquals("ru", info.get("source_language").asText());
        assertEquals("en", info.get("target_language").asText());
    }

    @Test
    void corporaAreChosenByName() throws Exception {
        FolderBuildContext b = build(Map.of("pair", "de-en", "corpora", "newscommentary_v9"), archives());
        List<JsonNode> train = TranslationFiles.lines(b.out.resolve("train.jsonl"));
        assertEquals(4, train.size());
        assertEquals(TranslationFiles.sentence("newscommentary_v9", 1, "de"), train.get(0).get("source").asText());
        ConfigException e = assertThrows(ConfigException.class,
                () -> stage.dependencies(stage.schema().apply("wmt", Map.of("corpora", "europarl_v7,paracrawl"))));
        assertTrue(e.getMessage().contains("unknown corpus 'paracrawl'"), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> stage.dependencies(stage.schema().apply("wmt", Map.of("pair", "en-ru", "corpora", "europarl_v7"))));
        assertTrue(e.getMessage().contains("none of corpora=europarl_v7 holds ru-en"), e.getMessage());
    }

    @Test
    void dependenciesAreTheCataloguedArchives() {
        Map<String, Dependency> deps = stage.dependencies(stage.schema().apply("wmt", Map.of()));
        assertEquals(List.of("europarl_v7", "commoncrawl", "newscommentary_v9", "newstest"), List.copyOf(deps.keySet()));
        assertEquals("http://www.statmt.org/wmt14/training-parallel-nc-v9.tgz", deps.get("newscommentary_v9").overrides().get("url"));
        assertEquals("cb8953f292298e6877ae433c98912b927cb0766b303f4540512ddd286c748485",
                deps.get("newscommentary_v9").overrides().get("sha256"));
        assertEquals("http://data.statmt.org/wmt19/translation-task/dev.tgz", deps.get("newstest").overrides().get("url"));
        assertEquals("7a7deccf82ebb05ba508dba5eb21356492224e8f630ec4f992132b029b4b25e7", deps.get("newstest").overrides().get("sha256"));
        assertEquals("fetchurl", deps.get("europarl_v7").stage());
    }

    @Test
    void anArchiveWithoutThePairIsAClearError() throws Exception {
        Map<String, byte[]> a = archives();
        a.put("newscommentary_v9", TranslationFiles.trainingArchive("newscommentary_v9", NC, 5, "ru"));
        StagedmlException e = assertThrows(StagedmlException.class, () -> build(Map.of(), a));
        assertTrue(e.getMessage().contains("training-parallel-nc-v9.tgz has no training/news-commentary-v9.de-en.en, "
                + "training/news-commentary-v9.de-en.de; it is not the published newscommentary_v9 archive"), e.getMessage());
    }

    @Test
    void aFileThatIsNoTgzIsAClearError() throws Exception {
        Map<String, byte[]> a = archives();
        a.put("europarl_v7", "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8));
        StagedmlException e = assertThrows(StagedmlException.class, () -> build(Map.of(), a));
        assertTrue(e.getMessage().startsWith("training-parallel-europarl-v7.tgz cannot be read as a gzip-compressed tar"),
                e.getMessage());
    }

    @Test
    void misalignedFilesAreAClearError() throws Exception {
        Map<String, byte[]> a = archives();
        a.put("commoncrawl", TranslationFiles.tgz("commoncrawl.de-en.de", TranslationFiles.trainingFile("commoncrawl", 3, "de", false),
                "commoncrawl.de-en.en", TranslationFiles.trainingFile("commoncrawl", 4, "en", false)));
        StagedmlException e = assertThrows(StagedmlException.class, () -> build(Map.of(), a));
        assertTrue(e.getMessage().contains("commoncrawl.de-en.en has 4 lines and commoncrawl.de-en.de 3; they are not line-aligned"),
                e.getMessage());
    }

    @Test
    void aBrokenTestSetIsAClearError() throws Exception {
        Map<String, byte[]> a = archives();
        a.put("newstest", TranslationFiles.tgz("dev/newstest2013.en", "a\n", "dev/newstest2013.de", "b\n",
                "dev/newstest2014-deen-src.de.sgm", TranslationFiles.sgm("srcset", "de", 5),
                "dev/newstest2014-deen-ref.en.sgm", "<refset>\n<doc docid=\"1\">\n<seg id=\"1\">text without end\n</doc>\n"));
        StagedmlException e = assertThrows(StagedmlException.class, () -> build(Map.of(), a));
        assertTrue(e.getMessage().contains("line 3 opens a <seg> it does not close"), e.getMessage());
        a.put("newstest", TranslationFiles.tgz("dev/newstest2013.en", "a\n", "dev/newstest2013.de", "b\n",
                "dev/newstest2014-deen-src.de.sgm", TranslationFiles.sgm("srcset", "de", 5),
                "dev/newstest2014-deen-ref.en.sgm", TranslationFiles.sgm("refset", "en", 4)));
        e = assertThrows(StagedmlException.class, () -> build(Map.of(), a));
        assertTrue(e.getMessage().contains("has 4 segments and dev/newstest2014-deen-src.de.sgm 5"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void aCancelledBuildStopsAndLeavesNoScratchFiles() throws Exception {
        int[] asked = {0};
        // cancelled part-way through reading the archives
        assertThrows(CancelledException.class, () -> build(Map.of(), archives(), () -> ++asked[0] > 8));
        try (Stream<Path> files = Files.list(tmp.resolve("out0"))) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().equals(".scratch")), "scratch folder removed");
        }
    }
}
