package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stagedml.api.train.TrainingMonitor;
import org.stagedml.engine.tensorflow.training.DeviceSessions;

/** A tiny Transformer learns the generated copy-and-reverse task to dev BLEU above 90. */
class CopyReverseTest {
    static TransformerSettings settings(int epochs, int beam) {
        return new TransformerSettings(TransformerSize.TINY, epochs, 320, 16, 1.0, 150, 0.1, 0.0, beam, 0.6, 3);
    }

    static TransformerTrainer.Data data() {
        List<int[][]> train = CopyReverse.pairs(3000, 3, 8, 1);
        List<int[][]> dev = CopyReverse.pairs(100, 3, 8, 2);
        List<String> refs = new ArrayList<>();
        dev.forEach(p -> refs.add(CopyReverse.text(p[1])));
        return new TransformerTrainer.Data(train, dev, refs, CopyReverse::text, CopyReverse.VOCAB);
    }

    static TrainingMonitor printing() {
        return new TrainingMonitor() {
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
                System.out.println(line);
            }
        };
    }

    @Test
    void learnsCopyAndReverse() {
        long t0 = System.nanoTime();
        TransformerTrainer t = new TransformerTrainer(settings(8, 1), printing(), data(), 2, DeviceSessions.CPU);
        TransformerTrainer.Result r = t.train();
        try (TransformerModel m = r.model()) {
            System.out.printf("copy-reverse: %d batches/epoch, %.1f s in all%n", t.batchesPerEpoch(), (System.nanoTime() - t0) / 1e9);
            assertTrue(r.last().bleu() > 90, "dev BLEU " + r.last().bleu());
        }
    }
}
