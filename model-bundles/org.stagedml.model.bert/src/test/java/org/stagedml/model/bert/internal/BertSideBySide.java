package org.stagedml.model.bert.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.stagedml.api.stage.PeakMemory;

/**
 * Our side of the BERT row of benchmarks/run.sh: bert-finetune-glue's {@link FineTuner} (the
 * stage's code, on the plain class path) training a BERT-mini-shaped encoder (L-4, H-256, A-4,
 * intermediate 1024, vocabulary 30522; random weights) on generated features of sequence length
 * 128 in batches of 32 with dropout 0.1 and BERT's AdamW, printing one {@code RESULT} JSON line:
 * examples/s over the timed steps (the first step is warm-up and not counted), the last step's
 * loss, and the process's peak RSS. Arguments: timed steps.
 */
public final class BertSideBySide {
    static final BertHyper MINI = new BertHyper(30522, 256, 4, 4, 1024, 512, 2);
    static final int SEQ = 128;
    static final int BATCH = 32;

    private BertSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[0]) + 1;
        Path dir = Files.createTempDirectory("bert-side-by-side");
        Path bert = writeMiniBert(dir.resolve("bert"));
        Path features = GeneratedTask.writeFeatures(dir.resolve("features"), MINI.vocabSize(), SEQ, BATCH * steps, BATCH, 0);
        List<Long> stepEnds = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        TrainingSink timing = GeneratedTask.historySink(record -> {
            if (record.containsKey("learning_rate")) {
                stepEnds.add(System.nanoTime());
                losses.add(((Number) record.get("loss")).doubleValue());
                System.err.printf("ours bert step %d loss %.4f%n", stepEnds.size(), losses.get(losses.size() - 1));
            }
        });
        new FineTuner(new FineTuneSettings(1e-4, BATCH, 1, 0.0, 0.01, 0.1, 1, 64), false, timing)
                .run(bert, features, dir.resolve("out"));
        double seconds = (stepEnds.get(stepEnds.size() - 1) - stepEnds.get(0)) / 1e9;
        int counted = stepEnds.size() - 1;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("row", "bert");
        out.put("engine", "stagedml (TensorFlow Java)");
        out.put("examples_per_second", List.of(counted * BATCH / seconds));
        out.put("metric", "train loss (last step)");
        out.put("value", losses.get(losses.size() - 1));
        out.put("threads", Runtime.getRuntime().availableProcessors());
        out.put(PeakMemory.METRIC, PeakMemory.megabytes());
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(out)); // one line: no pretty printing
    }

    /** A random-weight BERT-mini checkpoint in bert-checkpoint's layout, in {@code bert}. */
    static Path writeMiniBert(Path bert) throws java.io.IOException {
        Files.createDirectories(bert);
        Map<String, long[]> shapes = new HashMap<>();
        TestCheckpoints.write(bert.resolve("bert_model.ckpt"), TestCheckpoints.randomEncoder(MINI, SEQ, 1, shapes), shapes);
        Files.writeString(bert.resolve("bert_config.json"), "{\"vocab_size\":30522,\"hidden_size\":256,\"num_hidden_layers\":4,"
                + "\"num_attention_heads\":4,\"intermediate_size\":1024,\"max_position_embeddings\":512,\"type_vocab_size\":2,"
                + "\"hidden_act\":\"gelu\"}");
        Files.writeString(bert.resolve("vocab.txt"), "[PAD]\n");
        return bert;
    }
}
