package org.stagedml.model.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.engine.tensorflow.training.GraphDevices;
import org.stagedml.testing.Rendezvous;
import org.tensorflow.Graph;

/**
 * BERT fine-tuning granted a GPU pins its whole graph (encoder, head, AdamW and its gradients) to
 * that GPU, and two fine-tunings granted gpu:0 and gpu:1 run at the same time in one process; on
 * this host without GPUs soft placement runs both on the CPU, with a CPU run's figures.
 */
class BertGpuPinningTest {
    private static final BertHyper TINY = new BertHyper(40, 16, 1, 2, 32, 16, 2);
    private static final FineTuneSettings SETTINGS = new FineTuneSettings(1e-3, 4, 1, 0.1, 0.01, 0.1, 1, 8);

    @TempDir
    Path dir;

    @Test
    void theWholeFineTuneGraphIsPinnedToTheGrantedGpu() {
        try (Graph g = new Graph()) {
            new FineTuneGraph(g, TINY, 16, 2, false, 0.01, FineTuneGraph::encoderParameter);
            assertTrue(GraphDevices.pin(g, "gpu:1") > 100);
            assertEquals(Set.of("/device:GPU:1"), GraphDevices.requested(g));
        }
    }

    @Test
    void twoFineTunesGrantedDifferentGpusRunAtOnce() throws Exception {
        Path bert = Files.createDirectories(dir.resolve("bert"));
        Map<String, long[]> shapes = new HashMap<>();
        TestCheckpoints.write(bert.resolve("bert_model.ckpt"), TestCheckpoints.randomEncoder(TINY, 16, 5, shapes), shapes);
        Files.writeString(bert.resolve("bert_config.json"), "{\"vocab_size\":40,\"hidden_size\":16,\"num_hidden_layers\":1,"
                + "\"num_attention_heads\":2,\"intermediate_size\":32,\"max_position_embeddings\":16,\"type_vocab_size\":2}");
        Files.writeString(bert.resolve("vocab.txt"), "[PAD]\n");
        Path features = GeneratedTask.writeFeatures(dir.resolve("features"), 40, 16, 64, 8, 0);
        Map<String, Double> cpu = new FineTuner(SETTINGS, (String) null, GeneratedTask.quietSink())
                .run(bert, features, Files.createDirectories(dir.resolve("cpu")));

        Rendezvous bothTraining = new Rendezvous(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Map<String, Double>>> runs = new ArrayList<>();
            List<List<String>> logs = new ArrayList<>();
            for (String gpu : List.of("0", "1")) {
                List<String> log = Collections.synchronizedList(new ArrayList<>());
                logs.add(log);
                Path out = Files.createDirectories(dir.resolve("gpu" + gpu));
                runs.add(pool.submit(() -> new FineTuner(SETTINGS, gpu, loggingTo(log, bothTraining.party())).run(bert, features, out)));
            }
            for (int k = 0; k < 2; k++) {
                Map<String, Double> m = runs.get(k).get();
                for (String metric : List.of("accuracy", "loss", "steps")) {
                    assertEquals(cpu.get(metric), m.get(metric), metric + " on gpu:" + k + ": " + m + " vs " + cpu);
                }
                String device = "/device:GPU:" + k;
                assertTrue(logs.get(k).stream().anyMatch(l -> l.startsWith("pinned ") && l.endsWith(" operations to " + device)),
                        logs.get(k).toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Logs into {@code log}; runs {@code meet} at each cancellation check. */
    private static TrainingSink loggingTo(List<String> log, Runnable meet) {
        return new TrainingSink() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public void log(String line) {
                log.add(line);
            }

            @Override
            public void checkCancelled() {
                meet.run();
            }

            @Override
            public void history(Map<String, ?> record) {
            }
        };
    }
}
