package org.stagedml.model.textcnn.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.stagedml.api.stage.PeakMemory;
import org.stagedml.api.train.TrainingMonitor;

/**
 * Our side of the textcnn row of benchmarks/run.sh: textcnn-glue's reader, vocabulary and trainer
 * (the stage's code, on the plain class path, default settings) on the generated task that
 * benchmarks/gen_text.py wrote in the glue layout, printing one {@code RESULT} JSON line: examples/s
 * of every epoch, the final dev accuracy and the process's peak RSS. Arguments: data folder, epochs
 * [, threads: default all processors].
 */
public final class TextCnnSideBySide {
    private TextCnnSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        Map<String, Object> overrides = Map.of("epochs", String.valueOf(epochs));
        TextCnnSettings s = TextCnnSettings.from(TextCnnSettings.SCHEMA.apply("textcnn-glue", overrides), 0);
        GlueTask task = GlueTask.read(data);
        Vocabulary vocab = Vocabulary.build(task.train().first(), s.vocab());
        TextCnnTrainer.Data encoded = TextCnnTrainer.Data.of(task.train(), task.dev(), vocab, s.maxLen(), task.labels().size(), true);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        TextCnnTrainer.Result r = new TextCnnTrainer(s, new TrainingMonitor() {
            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public void history(Map<String, ?> record) {
            }

            @Override
            public void log(String line) {
                System.err.println("ours textcnn " + line);
            }
        }, encoded, threads, "cpu").train();
        r.net().close();
        GlueSplit train = task.train();
        List<Double> rates = new ArrayList<>();
        r.epochs().forEach(e -> rates.add(train.size() / e.seconds()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("row", "textcnn");
        out.put("engine", "stagedml (TensorFlow Java)");
        out.put("examples_per_second", rates);
        out.put("metric", "dev accuracy");
        out.put("value", r.last().accuracy());
        out.put("threads", threads);
        out.put(PeakMemory.METRIC, PeakMemory.megabytes());
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(out)); // one line: no pretty printing
    }
}
