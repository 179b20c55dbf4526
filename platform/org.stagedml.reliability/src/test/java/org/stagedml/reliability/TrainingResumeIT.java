package org.stagedml.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.store.internal.FileStore;

/**
 * A real training killed and resumed through bin/stagedml (one JVM per command, no server):
 * {@code textcnn-glue} on a CSV the test writes ({@code data=text-classification}), checkpointing
 * every 20 steps ({@code config/org.stagedml.model.textcnn.cfg}). Once a sealed checkpoint inside an
 * epoch exists the realizing JVM gets SIGKILL; it leaves no realization and a store that verifies;
 * the next realize resumes from that checkpoint (the metadata and store:show say from which step)
 * and ends with the metrics and history of an uninterrupted run in another store, whose derivation
 * is the same although it checkpoints at the default interval.
 */
class TrainingResumeIT {
    /** The step in a resumed-from note: {@code step 20 (epoch 1, batch 20)}, or {@code epoch 1 (step 75)} after an epoch. */
    private static final Pattern STEP = Pattern.compile("step (\\d+)");
    /** Figures that depend on the clock or the process, not on the training. */
    private static final List<String> TIMES = List.of("train_seconds", "seconds_per_epoch", "peak_rss_mb", "seconds");

    private static String[] textcnn(Path csv) {
        return new String[] {"stage:realize", "textcnn-glue", "data=text-classification", "data.train=" + csv,
            "data.text=review", "data.label=sentiment", "epochs=12", "batch=16", "max_len=16", "vocab=300", "embed=16",
            "filters=32", "seed=3"};
    }

    /** 1500 labelled reviews (a signal word per label among filler): 1200 train, 75 steps of 16 per epoch. */
    private static Path reviews(Path dir) throws IOException {
        Random r = new Random(11);
        String[] pos = {"wonderful", "lovely", "superb"};
        String[] neg = {"awful", "dreadful", "boring"};
        String[] filler = "the a film plot actor scene music story camera light night city".split(" ");
        StringBuilder s = new StringBuilder("id,review,sentiment\n");
        for (int i = 0; i < 1500; i++) {
            boolean p = r.nextBoolean();
            List<String> words = new ArrayList<>();
            for (int k = 0; k < 9; k++) {
                words.add(filler[r.nextInt(filler.length)]);
            }
            words.add(r.nextInt(words.size()), (p ? pos : neg)[r.nextInt(3)]);
            s.append(i).append(',').append(String.join(" ", words)).append(',').append(p ? "pos" : "neg").append('\n');
        }
        Path csv = Files.createDirectories(dir).resolve("reviews.csv");
        Files.writeString(csv, s);
        return csv;
    }

    private static Support.Result realize(Path home, Path csv) throws Exception {
        Support.Result r = Support.finish(Support.stagedml(home, textcnn(csv)).start(), 600);
        assertEquals(0, r.code(), r.toString());
        assertNotNull(r.lastRref(), r.toString());
        return r;
    }

    /**
     * The loop position ({@code step}, {@code batch}) of the newest sealed training checkpoint under
     * the home's checkpoints/, null when there is none yet. Looks at the files only (the store may
     * not exist when the JVM starts); a save in progress (.partial-*) is not sealed.
     */
    private static JsonNode sealedPosition(Path home) throws IOException {
        Path top = home.resolve("checkpoints");
        if (!Files.isDirectory(top)) {
            return null;
        }
        JsonNode best = null;
        try (Stream<Path> files = Files.walk(top)) {
            for (Path f : files.filter(x -> x.getFileName().toString().equals("training.json")
                    && x.getParent().getParent().getFileName().toString().startsWith("ckpt-")).toList()) {
                try {
                    JsonNode p = Json.mapper().readTree(f.toFile()).get("position");
                    if (p != null && (best == null || p.get("step").asLong() > best.get("step").asLong())) {
                        best = p;
                    }
                } catch (IOException e) {
                    // replaced by a newer checkpoint meanwhile
                }
            }
        } catch (UncheckedIOException e) {
            return best; // a folder vanished during the walk: look again
        }
        return best;
    }

    /** Starts the realize, waits for a sealed checkpoint inside an epoch, SIGKILLs the JVM; returns that checkpoint's step. */
    private static long killInsideAnEpoch(Path home, Path csv) throws Exception {
        Process p = Support.stagedml(home, textcnn(csv)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long end = System.currentTimeMillis() + 300_000;
        JsonNode at = sealedPosition(home);
        while (at == null || at.get("batch").asInt() == 0) {
            assertTrue(p.isAlive(), "the realize ended before it could be killed");
            assertTrue(System.currentTimeMillis() < end, "no checkpoint inside an epoch within 300 s");
            Thread.sleep(50);
            at = sealedPosition(home);
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return at.get("step").asLong();
    }

    /** metrics.json without the times. */
    private static Map<String, JsonNode> metrics(Path home, RRef rref) throws IOException {
        Map<String, JsonNode> m = new TreeMap<>();
        Json.mapper().readTree(new FileStore(home).path(rref).resolve("metrics.json").toFile()).fields()
                .forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        TIMES.forEach(m::remove);
        return m;
    }

    /** history.jsonl without the times. */
    private static List<String> history(Path home, RRef rref) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(new FileStore(home).path(rref).resolve("history.jsonl"))) {
            Map<String, Object> rec = new TreeMap<>(Json.mapper().readValue(line, Map.class));
            TIMES.forEach(rec::remove);
            out.add(Json.mapper().writeValueAsString(rec));
        }
        return out;
    }

    @Test
    void aTrainingKilledInsideAnEpochResumesThereAndEndsAsAnUninterruptedOne() throws Exception {
        Path csv = reviews(Support.newHome("training-resume-input"));
        Path clean = Support.newHome("training-resume-clean");
        RRef expected = RRef.parse(realize(clean, csv).lastRref());

        Path home = Support.newHome("training-resume");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/org.stagedml.model.textcnn.cfg"), "checkpointSteps=20\n");
        long killedAt = killInsideAnEpoch(home, csv);
        FileStore store = new FileStore(home);
        assertTrue(store.realizationsOf("textcnn-glue").isEmpty(), "the killed build left a realization");
        assertTrue(store.verify(List.of()).ok(), "the store does not verify after the kill");
        assertEquals(1, store.checkpoints().size(), "the killed build keeps its checkpoint");

        RRef actual = RRef.parse(realize(home, csv).lastRref());
        assertEquals(expected.dref(), actual.dref(), "where a build checkpoints is no part of its derivation");
        String notes = new FileStore(home).notes(actual).get(Checkpoint.RESUMED_FROM);
        assertNotNull(notes, "the metadata does not say that the build resumed");
        Matcher m = STEP.matcher(notes);
        assertTrue(m.find(), notes);
        assertTrue(Long.parseLong(m.group(1)) >= killedAt,
                "resumed from " + notes + ", but killed after a checkpoint at step " + killedAt);
        Support.Result show = Support.run(home, 120, "store:show", actual.toString());
        assertTrue(show.out().contains("resumed from " + notes), "store:show does not say where it resumed:\n" + show);

        assertEquals(metrics(clean, expected), metrics(home, actual), "metrics as the uninterrupted run's");
        assertEquals(history(clean, expected), history(home, actual), "history.jsonl as the uninterrupted run's");
        assertTrue(new FileStore(home).checkpoints().isEmpty(), "the commit deletes the checkpoint");
        assertTrue(new FileStore(home).verify(List.of()).ok(), "the store does not verify after the resumed build");
        Support.Result verify = Support.run(home, 120, "store:verify");
        assertEquals(0, verify.code(), verify.toString());
    }
}
