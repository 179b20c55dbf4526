package org.stagedml.model.convnet.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.stagedml.api.train.TrainingMonitor;
import org.stagedml.api.stage.PeakMemory;

/**
 * Our side of the ConvNet row of benchmarks/run.sh: convnet-mnist's trainer (the stage's code, on
 * the plain class path) on Fashion-MNIST from the Debian package, printing one {@code RESULT} JSON
 * line: images/s of every epoch, the final test accuracy and the process's peak RSS.
 * Arguments: threads epochs [first N training images, 0 = all].
 */
public final class ConvNetSideBySide {
    private ConvNetSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int head = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Path data = Path.of(System.getProperty("fashion.mnist", "/usr/share/datasets/fashion-mnist"));
        IdxImages train = IdxImages.read(data, "train");
        if (head > 0) {
            train = train.head(head);
        }
        IdxImages test = IdxImages.read(data, "t10k");
        ConvNetSettings s = ConvNetSettings.defaults().withEpochs(epochs);
        ConvNetTrainer.Result r = new ConvNetTrainer(s, new TrainingMonitor() {
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
                System.err.println("ours convnet " + line);
            }
        }, threads, "cpu").train(train, test, 10);
        r.net().close();
        List<Double> rates = new ArrayList<>();
        r.epochs().forEach(e -> rates.add(e.imagesPerSecond()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("row", "convnet");
        out.put("engine", "stagedml (TensorFlow Java)");
        out.put("examples_per_second", rates);
        out.put("metric", "accuracy");
        out.put("value", r.last().test().accuracy());
        out.put("threads", threads);
        out.put(PeakMemory.METRIC, PeakMemory.megabytes());
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(out)); // one line: no pretty printing
    }
}
