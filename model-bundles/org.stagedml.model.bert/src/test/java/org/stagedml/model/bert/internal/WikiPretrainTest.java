package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.dataset.bert.internal.BertPretrainDataStage;
import org.stagedml.dataset.bert.internal.BertRandomInitStage;
import org.stagedml.dataset.bert.internal.GlueFeaturesStage;
import org.stagedml.dataset.fetch.internal.FetchSettings;
import org.stagedml.dataset.fetch.internal.FetchUrlStage;
import org.stagedml.dataset.wiki.internal.WikiDumpStage;
import org.stagedml.dataset.wiki.internal.WikiTextStage;
import org.stagedml.testing.LoopbackHttpServer;
import org.stagedml.testing.MediaWikiExport;
import org.stagedml.testing.MediaWikiExport.Page;
import org.stagedml.testing.RealizeFixture;

/**
 * bert-pretrain's default chain end to end: {@code text=wikitext} (its default) over the real
 * {@code wikidump} and {@code fetchurl}, fetching a generated MediaWiki export (schema 0.10, bzip2) from a
 * loopback server, then the real bert-pretrain-data and bert-random-init, through the real realizer and
 * store. The dump is {@link MediaWikiExport}'s; the articles carry {@link GeneratedCorpus}' structure (one topic per article) wrapped in the
 * markup wikitext must remove (templates, links, references, a table, a file link, headings, a category);
 * the markup's own words come from another topic, so markup left behind would also blur what is learnt.
 */
class WikiPretrainTest {
    private static final String DUMP = "/enwiki/20200301/enwiki-20200301-pages-articles.xml.bz2";
    private static final int ARTICLES = 400;
    private static final int SEQ = 16;
    private static final int EPOCHS = 4;

    @TempDir
    Path dir;
    private LoopbackHttpServer server;
    private RealizeFixture fixture;
    private String sha1;

    @BeforeEach
    void start() throws Exception {
        byte[] dump = bzip2(MediaWikiExport.xml("en", pages(ARTICLES, 11)));
        sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(dump));
        server = new LoopbackHttpServer();
        server.serve(DUMP, dump);
        fixture = new RealizeFixture(dir.resolve("store"))
                .add("org.stagedml.dataset.fetch", new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 1,
                        Duration.ofMillis(10))))
                .add("org.stagedml.dataset.wiki", new WikiDumpStage(), new WikiTextStage())
                .add(new BertRandomInitStage(), new BertPretrainDataStage(), new BertPretrainStage(null), new GlueFeaturesStage(),
                        GeneratedTask.glue(400), new BertFinetuneGlueStage(null));
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        server.close();
    }

    /** GeneratedCorpus' words and the full stop the articles' sentences end with. */
    private static List<String> vocabulary() {
        List<String> v = new ArrayList<>(GeneratedCorpus.vocabulary());
        v.add(".");
        return v;
    }

    /** bert-pretrain's overrides: no text (so wikitext), the loopback dump by url and sha1, a tiny random-init BERT (L2 H64). */
    private Map<String, Object> config() {
        Map<String, Object> tiny = new LinkedHashMap<>(GeneratedCorpus.tinyBert(64, 2, 32));
        tiny.put("vocab", Json.mapper().valueToTree(vocabulary()));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("text.dump.url", server.url(DUMP));
        c.put("text.dump.sha1", sha1);
        c.put("bert", "bert-random-init");
        c.put("bert_overrides", Json.mapper().valueToTree(tiny));
        c.put("max_seq_length", SEQ);
        c.put("max_predictions_per_seq", 3);
        c.put("dupe_factor", 5);
        c.put("dev_fraction", 0.2);
        c.put("lr", 2e-3);
        c.put("batch", 32);
        c.put("epochs", EPOCHS);
        c.put("eval_batch", 256);
        return c;
    }

    @Test
    void bertPretrainsOnAFetchedWikipediaDumpThroughItsDefaultTextChainAndIsFineTuned() throws Exception {
        Set<String> stages = fixture.realizer().instantiate(BertPretrainStage.NAME, config()).nodes().stream()
                .map(n -> n.derivation().stage()).collect(Collectors.toSet());
        assertEquals(Set.of("bert-pretrain", "bert-pretrain-data", "bert-random-init", "wikitext", "wikidump", "fetchurl"), stages);

        RRef pretrained = fixture.realize(BertPretrainStage.NAME, config());
        RRef wikitext = fixture.dependency(pretrained, "data.text");
        assertEquals("wikitext", wikitext.name());
        assertEquals("wikidump", fixture.dependency(wikitext, "dump").name());
        assertEquals(1, server.count(DUMP));

        // the pre-training text: every article (not the redirect, the talk page), one sentence per line, no markup
        JsonNode corpus = Json.mapper().readTree(fixture.file(wikitext, "corpus.json").toFile());
        assertEquals(ARTICLES, corpus.get("documents").asLong(), corpus.toString());
        List<Path> parts;
        try (Stream<Path> s = Files.list(fixture.path(wikitext).resolve("text"))) {
            parts = s.sorted().toList();
        }
        assertFalse(parts.isEmpty());
        long sentences = 0;
        for (Path part : parts) {
            String text = Files.readString(part);
            for (String markup : List.of("{{", "}}", "[[", "]]", "<ref", "</ref", "{|", "|}", "''", "==", "<!--", "Category", "thumb", "|")) {
                assertFalse(text.contains(markup), markup + " left in " + part.getFileName());
            }
            for (String line : text.split("\n")) {
                if (!line.isEmpty()) {
                    sentences++;
                    assertTrue(line.matches("The adj[a-h] noun[a-h][xy] verb[a-h] a noun[a-h][xy]\\."), "a sentence of an article: " + line);
                }
            }
        }
        assertEquals(corpus.get("sentences").asLong(), sentences);

        // held-out MLM accuracy against the unigram baseline of the records, as BertPretrainStageTest computes it
        Map<String, Double> metrics = fixture.metrics(pretrained);
        Path data = fixture.path(fixture.dependency(pretrained, "data"));
        int maxPred = Json.mapper().readTree(data.resolve("data.json").toFile()).get("max_predictions_per_seq").intValue();
        int vocab = vocabulary().size();
        PretrainData train = PretrainData.read(data.resolve("train.tfrecord"), SEQ, maxPred, vocab);
        PretrainData dev = PretrainData.read(data.resolve("dev.tfrecord"), SEQ, maxPred, vocab);
        double baseline = BertPretrainStageTest.unigramAccuracy(train, dev, vocab);
        double mlm = metrics.get("mlm_accuracy");
        System.out.println("bert-pretrain on wikitext L2 H64: " + metrics + ", unigram baseline " + baseline + ", " + train.size()
                + " train, " + dev.size() + " held-out examples");
        assertTrue(mlm > baseline + 0.25, "held-out MLM accuracy " + mlm + " vs unigram baseline " + baseline + ": " + metrics);

        // fine-tuning takes the checkpoint by name (the same overrides reach bert-pretrain through bert.*)
        Map<String, Object> finetune = new LinkedHashMap<>();
        finetune.put("task", "VOWEL");
        finetune.put("bert", BertPretrainStage.NAME);
        config().forEach((k, v) -> finetune.put("bert." + k, v));
        finetune.putAll(Map.of("max_seq_length", SEQ, "lr", 1e-3, "batch", 16, "epochs", 1, "eval_batch", 100));
        RRef tuned = fixture.realize(BertFinetuneGlueStage.NAME, finetune);
        assertEquals(pretrained, fixture.dependency(tuned, "bert"), "the fine-tuning used the pre-trained realization");
        assertEquals(pretrained, fixture.dependency(tuned, "features.bert"), "and glue-features tokenized with its vocabulary");
        Map<String, Double> tunedMetrics = fixture.metrics(tuned);
        double accuracy = tunedMetrics.get("accuracy");
        assertTrue(accuracy >= 0 && accuracy <= 1, "fine-tuned dev accuracy " + accuracy);
        double steps = tunedMetrics.get("steps");
        assertTrue(steps > 0 && steps <= 400 / 16, "one epoch of at most 400 training examples, batch 16: " + tunedMetrics);
        System.out.println("bert-finetune-glue bert=bert-pretrain, one epoch: accuracy " + accuracy);

        // again: served from the store, the dump not fetched again
        assertEquals(pretrained, fixture.realize(BertPretrainStage.NAME, config()));
        assertEquals(1, fixture.store().realizations(pretrained.dref()).size());
        assertEquals(1, server.count(DUMP));
    }

    /**
     * {@code articles} articles of one topic each (GeneratedCorpus' sentences ending in a full stop) in
     * markup, plus a redirect and a talk page.
     */
    static List<Page> pages(int articles, long seed) {
        Random r = new Random(seed);
        int topics = GeneratedCorpus.TOPICS;
        List<Page> pages = new ArrayList<>();
        pages.add(new Page("AccessibleComputing", 0, "Computer accessibility", "#REDIRECT [[Computer accessibility]]\n\n{{R from move}}"));
        pages.add(new Page("Talk:Adja nounax", 1, null, "The adjb nounbx verbb a nounby. Please discuss here."));
        for (int d = 0; d < articles; d++) {
            int t = r.nextInt(topics);
            int o = (t + 1 + r.nextInt(topics - 1)) % topics; // the markup's words: another topic's
            String adj = GeneratedCorpus.adjective(t);
            String verb = GeneratedCorpus.verb(t);
            String n1 = GeneratedCorpus.noun(t, r.nextInt(2));
            String n2 = GeneratedCorpus.noun(t, r.nextInt(2));
            StringBuilder w = new StringBuilder();
            w.append("{{Short description|").append(GeneratedCorpus.adjective(o)).append(' ').append(GeneratedCorpus.noun(o, 0)).append("}}\n");
            w.append("{{Infobox thing|name=").append(GeneratedCorpus.noun(o, 1)).append("|size={{convert|3|m|ft}}}}\n");
            // the first sentence: bold, a piped link, a reference with a citation template
            w.append("'''The ").append(adj).append(" [[").append(n1).append("]]''' ").append(verb).append(" a [[")
                    .append(Character.toUpperCase(n2.charAt(0))).append(n2.substring(1)).append('|').append(n2).append("]].")
                    .append("<ref>{{cite web|url=http://example.org/").append(d).append("|title=").append(GeneratedCorpus.verb(o))
                    .append("}}</ref>");
            int sentences = 3 + r.nextInt(5);
            for (int s = 0; s < sentences; s++) {
                if (s == 1) {
                    w.append("<!-- ").append(GeneratedCorpus.adjective(o)).append(" -->\n\n{| class=\"wikitable\"\n! ")
                            .append(GeneratedCorpus.noun(o, 0)).append(" !! ").append(GeneratedCorpus.verb(o)).append("\n|-\n| ")
                            .append(GeneratedCorpus.adjective(o)).append(" || ").append(GeneratedCorpus.noun(o, 1))
                            .append("\n|}\n[[File:Thing").append(d).append(".jpg|thumb|The ").append(GeneratedCorpus.adjective(o))
                            .append(" ").append(GeneratedCorpus.noun(o, 0)).append("]]\n== History ==\n");
                } else {
                    w.append(' ');
                }
                w.append("The ").append(adj).append(' ').append(GeneratedCorpus.noun(t, r.nextInt(2))).append(' ').append(verb)
                        .append(" a ").append(GeneratedCorpus.noun(t, r.nextInt(2))).append('.');
                if (s == 2) {
                    w.append("<ref name=\"a").append(d).append("\"/>");
                }
            }
            w.append("\n\n[[Category:Things of ").append(GeneratedCorpus.noun(o, 0)).append("]]\n");
            pages.add(new Page("Article " + d, 0, null, w.toString()));
        }
        return pages;
    }

    static byte[] bzip2(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
