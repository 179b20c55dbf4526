package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stagedml.engine.tensorflow.training.DeviceSessions;

/** The same settings and data twice on the CPU: the same losses, BLEU and dev translations. */
class DeterminismTest {
    @Test
    void sameConfigSameMetrics() {
        TransformerSettings s = new TransformerSettings(TransformerSize.TINY, 1, 160, 12, 1.0, 50, 0.1, 0.1, 2, 0.6, 11);
        List<int[][]> train = CopyReverse.pairs(400, 3, 6, 5);
        List<int[][]> dev = CopyReverse.pairs(20, 3, 6, 6);
        List<String> refs = new ArrayList<>();
        dev.forEach(p -> refs.add(CopyReverse.text(p[1])));
        TransformerTrainer.Data data = new TransformerTrainer.Data(train, dev, refs, CopyReverse::text, CopyReverse.VOCAB);
        TransformerTrainer.Result a = new TransformerTrainer(s, CopyReverseTest.quiet(), data, 2, DeviceSessions.CPU).train();
        a.model().close();
        TransformerTrainer.Result b = new TransformerTrainer(s, CopyReverseTest.quiet(), data, 2, DeviceSessions.CPU).train();
        b.model().close();
        TransformerTrainer.Epoch x = a.last();
        TransformerTrainer.Epoch y = b.last();
        assertEquals(x.trainLoss(), y.trainLoss());
        assertEquals(x.devLoss(), y.devLoss());
        assertEquals(x.bleu(), y.bleu());
        assertEquals(a.devPredictions(), b.devPredictions());
    }
}
