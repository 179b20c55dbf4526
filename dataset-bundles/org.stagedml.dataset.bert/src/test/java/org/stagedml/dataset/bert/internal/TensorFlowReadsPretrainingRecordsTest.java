package org.stagedml.dataset.bert.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.dataset.bert.PretrainingExample;
import org.stagedml.dataset.bert.TfRecordReader;
import org.stagedml.dataset.bert.Vocabulary;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.io.ParseSingleExample;
import org.tensorflow.op.io.ReaderRead;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * TensorFlow's TFRecord reader (which checks the CRCs) and its tf.train.Example parser read
 * bert-pretrain-data's records with the contract's feature names, types and shapes, as BERT's
 * run_pretraining.py declares them (int64 x max_seq_length, int64/float x max_predictions_per_seq,
 * int64 x 1).
 */
class TensorFlowReadsPretrainingRecordsTest {
    private static final int SEQ = 32;
    private static final int PREDICTIONS = 6;

    @TempDir
    Path dir;

    @Test
    void tensorFlowParsesEveryFeatureWithTheContractsShapes() throws Exception {
        Path text = dir.resolve("text");
        GeneratedTextLinesStage.write(text, 12, 3);
        Path vocabFile = dir.resolve("vocab.txt");
        Files.write(vocabFile, SyntheticVocab.ofSize(200, true));
        FullTokenizer tok = new FullTokenizer(Vocabulary.load(vocabFile), true);
        Path out = Files.createDirectories(dir.resolve("out"));
        new PretrainDataWriter(tok, new PretrainSettings(SEQ, PREDICTIONS, 0.15, 0.1, false, 1), 0.2, 4, () -> false,
                (f, m) -> { }, s -> { }).write(text, vocabFile, out, dir.resolve("work"));
        Path file = out.resolve("train.tfrecord");
        List<PretrainingExample> ours = new ArrayList<>();
        try (TfRecordReader r = new TfRecordReader(file)) {
            for (byte[] rec = r.next(); rec != null; rec = r.next()) {
                ours.add(PretrainingExample.fromExample(rec));
            }
        }
        assertTrue(ours.size() > 10, ours.size() + " examples");

        List<String> keys = List.of(PretrainingExample.INPUT_IDS, PretrainingExample.INPUT_MASK, PretrainingExample.MASKED_LM_IDS,
                PretrainingExample.MASKED_LM_POSITIONS, PretrainingExample.MASKED_LM_WEIGHTS,
                PretrainingExample.NEXT_SENTENCE_LABELS, PretrainingExample.SEGMENT_IDS);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var queue = tf.io.fifoQueue(List.of(TString.class));
            var enqueue = tf.io.queueEnqueue(queue, List.of(tf.constant(file.toString())));
            var close = tf.io.queueClose(queue);
            ReaderRead read = tf.io.readerRead(tf.io.tfRecordReader(), queue);
            List<Operand<?>> defaults = List.of(tf.constant(new long[0]), tf.constant(new long[0]), tf.constant(new long[0]),
                    tf.constant(new long[0]), tf.constant(new float[0]), tf.constant(new long[0]), tf.constant(new long[0]));
            ParseSingleExample parsed = tf.io.parseSingleExample(read.value(), defaults, 0L, List.of(), keys, List.of(),
                    List.of(Shape.of(SEQ), Shape.of(SEQ), Shape.of(PREDICTIONS), Shape.of(PREDICTIONS), Shape.of(PREDICTIONS),
                            Shape.of(1), Shape.of(SEQ)));
            s.runner().addTarget(enqueue).run().close();
            s.runner().addTarget(close).run().close();
            for (PretrainingExample x : ours) {
                Session.Runner r = s.runner();
                parsed.denseValues().forEach(r::fetch);
                try (Result res = r.run()) {
                    assertArrayEquals(x.inputIds(), ints((TInt64) res.get(0)));
                    assertArrayEquals(x.inputMask(), ints((TInt64) res.get(1)));
                    assertArrayEquals(x.maskedLmIds(), ints((TInt64) res.get(2)));
                    assertArrayEquals(x.maskedLmPositions(), ints((TInt64) res.get(3)));
                    TFloat32 w = (TFloat32) res.get(4);
                    for (int k = 0; k < PREDICTIONS; k++) {
                        assertEquals(x.maskedLmWeights()[k], w.getFloat(k));
                    }
                    assertEquals(x.nextSentenceLabel(), ints((TInt64) res.get(5))[0]);
                    assertArrayEquals(x.segmentIds(), ints((TInt64) res.get(6)));
                }
            }
            assertThrows(Exception.class, () -> s.runner().fetch(read.value()).run().close(), "then the end of the file");
        }
    }

    private static int[] ints(TInt64 t) {
        int[] out = new int[(int) t.shape().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) t.getLong(i);
        }
        return out;
    }
}
