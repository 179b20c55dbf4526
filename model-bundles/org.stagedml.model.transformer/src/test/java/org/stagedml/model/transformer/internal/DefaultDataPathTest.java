package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.api.predict.Predictor;
import org.stagedml.dataset.fetch.internal.FetchSettings;
import org.stagedml.dataset.fetch.internal.FetchUrlStage;
import org.stagedml.dataset.subword.SubwordTokenizer;
import org.stagedml.dataset.subword.internal.SubwordVocabStage;
import org.stagedml.dataset.translation.internal.Nl2BashSources;
import org.stagedml.dataset.translation.internal.Nl2BashStage;
import org.stagedml.dataset.translation.internal.WmtCorpus;
import org.stagedml.dataset.translation.internal.WmtSources;
import org.stagedml.dataset.translation.internal.WmtStage;
import org.stagedml.testing.LoopbackHttpServer;
import org.stagedml.testing.RealizeFixture;
import org.stagedml.testing.TextSplit;

/**
 * transformer on its default data path, through the real realizer and store: the real nl2bash stage
 * (and wmt on request) fetching generated files in the published formats from a 127.0.0.1 server
 * under the pinned URLs' paths, the real subword-vocab with {@code vocab.reserved=bash} forwarded,
 * training, dev BLEU, the outputs (training_curves.png among them) and the Predictor.
 */
class DefaultDataPathTest {
    private static final String NL2BASH = "/TellinaTool/nl2bash/d6b9f5b/data/bash/";
    private static final String NC = "/wmt14/training-parallel-nc-v9.tgz";
    private static final String DEV = "/wmt19/translation-task/dev.tgz";
    @TempDir
    Path tmp;
    private LoopbackHttpServer server;
    private RealizeFixture fx;

    @BeforeEach
    void serve() throws Exception {
        server = new LoopbackHttpServer();
        byte[][] nl2bash = PublishedTranslationFiles.nl2bash();
        server.serve(NL2BASH + "all.nl", nl2bash[0]);
        server.serve(NL2BASH + "all.cm", nl2bash[1]);
        Nl2BashSources nl = new Nl2BashSources(server.url(NL2BASH + "all.nl"), PublishedTranslationFiles.sha256(nl2bash[0]),
                server.url(NL2BASH + "all.cm"), PublishedTranslationFiles.sha256(nl2bash[1]));
        byte[] nc = PublishedTranslationFiles.newsCommentary(200);
        byte[] dev = PublishedTranslationFiles.devArchive(10);
        server.serve(NC, nc);
        server.serve(DEV, dev);
        // the official catalog with news-commentary v9 and the dev/test archive redirected to the server
        WmtCorpus official = WmtSources.official().corpora().get("newscommentary_v9");
        WmtSources wmt = new WmtSources(Map.of(official.name(), new WmtCorpus(official.name(), server.url(NC),
                PublishedTranslationFiles.sha256(nc), official.entry(), official.languages())), server.url(DEV),
                PublishedTranslationFiles.sha256(dev));
        fx = new RealizeFixture(tmp.resolve("store"))
                .add("org.stagedml.dataset.fetch", new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 1,
                        Duration.ofMillis(10))))
                .add("org.stagedml.dataset.translation", new Nl2BashStage(nl), new WmtStage(wmt))
                .add(new SubwordVocabStage(), new TransformerStage(TransformerStageTest.tensorFlow()));
    }

    @AfterEach
    void stop() {
        fx.close();
        server.close();
    }

    @Test
    void learnsNl2BashOnTheDefaultDataPath() throws Exception {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("vocab.reserved", "bash");
        o.put("vocab.target_size", 400);
        o.putAll(Map.of("size", "tiny", "epochs", 16, "batch_tokens", 240, "max_length", 24, "learning_rate", 1.0,
                "warmup_steps", 100, "dropout", 0.0, "beam_size", 2));
        long t0 = System.nanoTime();
        RRef rref = fx.realize("transformer", o);
        System.out.printf("transformer on nl2bash end to end: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Map<String, Double> m = fx.metrics(rref);
        System.out.println("transformer on nl2bash metrics: " + m);

        RRef data = fx.dependency(rref, "data");
        assertEquals("nl2bash", data.name(), "nl2bash is the default data");
        RRef vocab = fx.dependency(rref, "vocab");
        assertEquals(data, fx.dependency(vocab, "data"), "the vocabulary is built from the corpus the model trains on");
        List<JsonNode> train = pairs(fx.path(data).resolve("train.jsonl"));
        List<JsonNode> dev = pairs(fx.path(data).resolve("dev.jsonl"));
        List<String> sources = dev.stream().map(p -> p.get("source").asText()).toList();
        List<String> references = dev.stream().map(p -> p.get("target").asText()).toList();

        List<String> early = Files.readAllLines(fx.file(rref, TransformerStage.PREDICTIONS), StandardCharsets.UTF_8);
        for (int i = 0; i < 6; i++) {
            System.out.println("transformer on nl2bash dev: '" + sources.get(i) + "' -> '" + early.get(i) + "'");
        }
        // dev BLEU far above trivial baselines: the description as the command, the commonest command everywhere
        String commonest = train.stream().map(p -> p.get("target").asText().split(" ")[0])
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String commonestCommand = train.stream().map(p -> p.get("target").asText()).filter(t -> t.startsWith(commonest + " "))
                .findFirst().orElseThrow();
        double baseline = Math.max(Bleu.corpus(sources, references, false).score(),
                Bleu.corpus(Collections.nCopies(references.size(), commonestCommand), references, false).score());
        System.out.printf("transformer on nl2bash: dev BLEU %.2f, trivial baseline %.2f%n", m.get("bleu"), baseline);
        assertTrue(m.get("bleu") > 60 && m.get("bleu") > baseline + 40, "dev BLEU " + m + ", baseline " + baseline);

        // reserved=bash reached the vocabulary: command and flag names are single ids 2, 3, ...
        JsonNode vocabJson = Json.mapper().readTree(fx.path(vocab).resolve("vocab.json").toFile());
        List<String> reserved = new ArrayList<>();
        vocabJson.get("reserved").forEach(t -> reserved.add(t.asText()));
        assertTrue(reserved.containsAll(List.of("ls", "find", "name", "wc", "l", "rm", "head", "grep", "r")), reserved.toString());
        SubwordTokenizer tokenizer = SubwordTokenizer.load(fx.path(vocab).resolve("vocab.subwords"));
        for (String token : List.of("ls", "find", "grep", "name")) {
            assertArrayEquals(new int[] {2 + reserved.indexOf(token)}, tokenizer.encode(token), token);
        }
        assertArrayEquals(Files.readAllBytes(fx.path(vocab).resolve("vocab.subwords")), Files.readAllBytes(fx.file(rref, "vocab.subwords")));

        // the outputs: dev translations, metrics and the curves as a PNG
        List<String> predictions = Files.readAllLines(fx.file(rref, TransformerStage.PREDICTIONS), StandardCharsets.UTF_8);
        assertEquals(dev.size(), predictions.size());
        Set<String> outputs = fx.outputFiles(rref).stream().map(Path::toString).collect(Collectors.toSet());
        assertTrue(outputs.containsAll(Set.of("metrics.json", "history.jsonl", "model.zip", "vocab.subwords",
                TransformerStage.PREDICTIONS, TransformerPlots.CURVES)), outputs.toString());
        byte[] png = Files.readAllBytes(fx.file(rref, TransformerPlots.CURVES));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        BufferedImage curves = ImageIO.read(fx.file(rref, TransformerPlots.CURVES).toFile());
        assertEquals(1200, curves.getWidth());

        // a second realize is served from the store, nothing fetched again
        assertEquals(rref, fx.realize("transformer", o));
        assertEquals(1, server.count(NL2BASH + "all.nl"));
        assertEquals(1, server.count(NL2BASH + "all.cm"));

        // the Predictor turns a description into a command, as dev was decoded
        String name = trainedName(train);
        try (Predictor p = TextSplit.predictors(fx, new TransformerPredictors()).open(rref)) {
            assertEquals(predictions.get(0), p.predict(PredictionInput.text(sources.get(0))).label());
            String command = p.predict(PredictionInput.text(PublishedTranslationFiles.description(0, name))).label();
            System.out.println("transformer on nl2bash: '" + PublishedTranslationFiles.description(0, name) + "' -> '" + command + "'");
            assertEquals(PublishedTranslationFiles.command(0, name), command);
        }
    }

    /** A name whose "list files" pair is not in train (the model composes it from the other templates). */
    private static String trainedName(List<JsonNode> train) {
        Map<String, Integer> seen = new HashMap<>();
        Set<String> listed = new HashSet<>();
        for (JsonNode p : train) {
            for (String name : PublishedTranslationFiles.names()) {
                if (p.get("source").asText().contains(name)) {
                    seen.merge(name, 1, Integer::sum);
                    if (p.get("target").asText().startsWith("ls ")) {
                        listed.add(name);
                    }
                }
            }
        }
        return PublishedTranslationFiles.names().stream().filter(n -> !listed.contains(n) && seen.getOrDefault(n, 0) >= 3)
                .findFirst().orElseThrow();
    }

    @Test
    void buildsOnWmtWithItsLanguagePair() throws Exception {
        Map<String, Object> o = new LinkedHashMap<>();
        o.putAll(Map.of("data", "wmt", "data.pair", "de-en", "data.corpora", "newscommentary_v9", "vocab.target_size", 300));
        o.putAll(Map.of("size", "tiny", "epochs", 1, "batch_tokens", 400, "max_length", 32, "beam_size", 1));
        long t0 = System.nanoTime();
        RRef rref = fx.realize("transformer", o);
        System.out.printf("transformer on wmt de-en, one epoch: %.1f s, %s%n", (System.nanoTime() - t0) / 1e9, fx.metrics(rref));
        RRef data = fx.dependency(rref, "data");
        assertEquals("wmt", data.name());
        assertEquals(data, fx.dependency(fx.dependency(rref, "vocab"), "data"), "data.* reached the vocabulary's corpus too");
        JsonNode corpus = Json.mapper().readTree(fx.path(data).resolve("corpus.json").toFile());
        assertEquals("de", corpus.get("source_language").asText());
        assertEquals(200, corpus.get("counts").get("train").asInt());
        assertEquals(1.0, fx.metrics(rref).get("epochs"));
        assertTrue(fx.metrics(rref).containsKey("bleu"));
        assertEquals(10, Files.readAllLines(fx.file(rref, TransformerStage.PREDICTIONS), StandardCharsets.UTF_8).size());
        assertTrue(Files.size(fx.file(rref, TransformerPlots.CURVES)) > 0);
        assertEquals(1, server.count(NC));
        assertEquals(1, server.count(DEV));
    }

    private static List<JsonNode> pairs(Path file) throws Exception {
        return Json.mapper().readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
    }
}
