package org.stagedml.dataset.owndata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.fetch.internal.FetchSettings;
import org.stagedml.dataset.fetch.internal.FetchUrlStage;
import org.stagedml.testing.LoopbackHttpServer;
import org.stagedml.testing.RealizeFixture;

/** text-classification on files the test writes, through the real realizer and store. */
class TextClassificationStageTest {
    @TempDir
    Path tmp;
    RealizeFixture fx;

    @BeforeEach
    void setUp() {
        fx = new RealizeFixture(tmp.resolve("store"))
                .add("org.stagedml.dataset.fetch", new FetchUrlStage(new FetchSettings(Duration.ofSeconds(5),
                        Duration.ofSeconds(5), 1, Duration.ofMillis(10))))
                .add("org.stagedml.dataset.owndata", new TextClassificationStage());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    /** A CSV of reviews with quoted commas; positive ones hold "great". */
    static String reviewsCsv(int n) {
        Random r = new Random(3);
        StringBuilder s = new StringBuilder("id,review,stars\n");
        for (int i = 0; i < n; i++) {
            boolean pos = r.nextBoolean();
            s.append(i).append(",\"a film, ").append(pos ? "great" : "poor").append(" number ").append(i)
                    .append("\",").append(pos ? "5" : "1").append('\n');
        }
        return s.toString();
    }

    static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            out.add(Json.mapper().readTree(l));
        }
        return out;
    }

    @Test
    void aCsvIsSplitIntoTheGlueLayout() throws Exception {
        Path csv = tmp.resolve("reviews.csv");
        Files.writeString(csv, reviewsCsv(400));
        RRef r = fx.realize("text-classification", Map.of("train", csv.toString(), "text", "review", "label", "stars"));
        JsonNode task = Json.mapper().readTree(fx.file(r, "task.json").toFile());
        assertEquals("reviews", task.get("task").asText());
        assertEquals("classification", task.get("type").asText());
        assertEquals("[\"1\",\"5\"]", task.get("labels").toString());
        assertTrue(!task.get("pair").asBoolean());
        long train = task.at("/counts/train").asLong();
        long dev = task.at("/counts/dev").asLong();
        long test = task.at("/counts/test").asLong();
        assertEquals(400, train + dev + test);
        assertTrue(train > 280 && train < 360 && dev > 20 && test > 20, task.toString());
        List<JsonNode> rows = lines(fx.file(r, "train.jsonl"));
        assertEquals(train, rows.size());
        for (JsonNode row : rows) {
            String text = row.get("sentence1").asText();
            assertTrue(text.startsWith("a film, "), text);
            assertEquals(text.contains("great") ? "5" : "1", row.get("label").asText());
        }
        // the same seed splits the same way; another seed differently
        RRef again = fx.realize("text-classification", Map.of("train", csv.toString(), "text", "review", "label", "stars",
                "seed", 2));
        assertNotEquals(Files.readString(fx.file(r, "dev.jsonl")), Files.readString(fx.file(again, "dev.jsonl")));
    }

    @Test
    void tsvAndJsonLinesWithSeparateDevAndPairs() throws Exception {
        Path train = tmp.resolve("t.tsv");
        Files.writeString(train, "q1\tq2\ty\nhow old\thow aged\tsame\nred car\tblue sky\tdiff\n");
        Path dev = tmp.resolve("d.jsonl");
        Files.writeString(dev, "{\"q1\":\"big\",\"q2\":\"large\",\"y\":\"same\"}\n\n{\"q1\":\"up\",\"q2\":\"down\",\"y\":\"diff\"}\n");
        RRef r = fx.realize("text-classification", Map.of("train", train.toString(), "dev", dev.toString(),
                "text", "q1", "text2", "q2", "label", "y"));
        JsonNode task = Json.mapper().readTree(fx.file(r, "task.json").toFile());
        assertTrue(task.get("pair").asBoolean());
        assertEquals(2, task.at("/counts/train").asLong());
        assertEquals(2, task.at("/counts/dev").asLong());
        assertEquals(0, task.at("/counts/test").asLong());
        assertEquals("large", lines(fx.file(r, "dev.jsonl")).get(0).get("sentence2").asText());
    }

    @Test
    void badInputIsAnErrorNamingFileAndLine() throws Exception {
        Path ragged = tmp.resolve("ragged.csv");
        Files.writeString(ragged, "text,label\nok,a\nnot ok,b,extra\n");
        assertMessage(ragged, "ragged.csv line 3", "3 columns");
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "text,label\nok,a\n  ,b\n");
        assertMessage(empty, "empty.csv line 3", "empty text");
        Path latin1 = tmp.resolve("latin1.csv");
        Files.write(latin1, "text,label\nok,a\ncaf\u00e9,b\n".getBytes(StandardCharsets.ISO_8859_1));
        assertMessage(latin1, "latin1.csv line 3", "not UTF-8");
        Path oneLabel = tmp.resolve("one.csv");
        StringBuilder same = new StringBuilder("text,label\n");
        for (int i = 0; i < 50; i++) {
            same.append("x").append(i).append(",a\n");
        }
        Files.writeString(oneLabel, same);
        assertMessage(oneLabel, "one.csv", "at least two labels");
        Path tiny = tmp.resolve("tiny.csv");
        Files.writeString(tiny, "text,label\nx,a\ny,b\n");
        assertMessage(tiny, "split is empty", "tiny.csv");

        Path train = tmp.resolve("train.csv");
        Files.writeString(train, "text,label\nx,a\ny,b\n");
        Path dev = tmp.resolve("dev.csv");
        Files.writeString(dev, "text,label\nz,a\nw,c\n");
        StagedmlException e = assertThrows(StagedmlException.class, () -> fx.realize("text-classification",
                Map.of("train", train.toString(), "dev", dev.toString())));
        assertTrue(e.getMessage().contains("dev.csv line 3") && e.getMessage().contains("'c'"), e.getMessage());
        StagedmlException noColumn = assertThrows(StagedmlException.class, () -> fx.realize("text-classification",
                Map.of("train", train.toString(), "text", "review")));
        assertTrue(noColumn.getMessage().contains("no column 'review'"), noColumn.getMessage());
    }

    private void assertMessage(Path file, String... parts) {
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> fx.realize("text-classification", Map.of("train", file.toString())));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), e.getMessage());
        }
    }

    @Test
    void aUrlNeedsItsChecksumAndIsFetched() throws Exception {
        byte[] csv = reviewsCsv(100).getBytes(StandardCharsets.UTF_8);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            server.serve("/data/reviews.csv", csv);
            String url = server.url("/data/reviews.csv");
            ConfigException e = assertThrows(ConfigException.class,
                    () -> fx.realize("text-classification", Map.of("train", url, "text", "review", "label", "stars")));
            assertTrue(e.getMessage().contains("train_sha256"), e.getMessage());
            String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(csv));
            RRef r = fx.realize("text-classification", Map.of("train", url, "train_sha256", sha, "text", "review",
                    "label", "stars"));
            assertEquals(100, lines(fx.file(r, "train.jsonl")).size() + lines(fx.file(r, "dev.jsonl")).size()
                    + lines(fx.file(r, "test.jsonl")).size());
        }
    }
}
