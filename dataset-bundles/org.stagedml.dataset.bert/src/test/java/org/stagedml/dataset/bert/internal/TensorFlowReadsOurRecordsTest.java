package org.stagedml.dataset.bert.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.dataset.bert.InputEncoder;
import org.stagedml.dataset.bert.InputFeatures;
import org.stagedml.dataset.bert.TfRecordWriter;
import org.stagedml.dataset.bert.Vocabulary;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.io.ParseSingleExample;
import org.tensorflow.op.io.ReaderRead;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * TensorFlow's own TFRecord reader (TFRecordReaderV2, which checks the length and data CRCs) and its
 * tf.train.Example parser (ParseSingleExample) read
 * what {@link TfRecordWriter} and {@link InputFeatures} write.
 */
class TensorFlowReadsOurRecordsTest {
    @TempDir
    Path dir;

    @Test
    void tensorFlowReadsTheRecordsAndParsesTheExamples() throws Exception {
        FullTokenizer tok = new FullTokenizer(Vocabulary.of(SyntheticVocab.ofSize(200, true)), true);
        InputEncoder enc = new InputEncoder(tok, 16);
        List<InputFeatures> features = List.of(enc.encode("Hello there", "general kenobi", 1, true),
                enc.encode("a", null, 0, true), enc.encode("x".repeat(40), "y", 1, true));
        List<byte[]> records = new ArrayList<>();
        Path file = dir.resolve("x.tfrecord");
        try (TfRecordWriter w = new TfRecordWriter(file)) {
            for (InputFeatures f : features) {
                byte[] r = f.toExample(false);
                records.add(r);
                w.write(r);
            }
        }
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            var queue = tf.io.fifoQueue(List.of(TString.class));
            var enqueue = tf.io.queueEnqueue(queue, List.of(tf.constant(file.toString())));
            var close = tf.io.queueClose(queue);
            ReaderRead read = tf.io.readerRead(tf.io.tfRecordReader(), queue);
            List<Operand<?>> defaults = List.of(tf.constant(new long[0]), tf.constant(new long[0]),
                    tf.constant(new long[0]), tf.constant(new long[0]));
            ParseSingleExample parsed = tf.io.parseSingleExample(read.value(), defaults, 0L, List.of(),
                    List.of("input_ids", "input_mask", "label_ids", "segment_ids"), List.of(),
                    List.of(Shape.of(16), Shape.of(16), Shape.of(1), Shape.of(16)));
            s.runner().addTarget(enqueue).run().close();
            s.runner().addTarget(close).run().close();
            for (int i = 0; i < features.size(); i++) {
                Session.Runner r = s.runner().fetch(read.value());
                parsed.denseValues().forEach(r::fetch);
                try (Result out = r.run()) {
                    TString value = (TString) out.get(0);
                    assertArrayEquals(records.get(i), value.asBytes().getObject(), "record " + i);
                    InputFeatures f = features.get(i);
                    assertArrayEquals(f.inputIds(), ints((TInt64) out.get(1)));
                    assertArrayEquals(f.inputMask(), ints((TInt64) out.get(2)));
                    assertEquals(f.labelId(), ints((TInt64) out.get(3))[0]);
                    assertArrayEquals(f.segmentIds(), ints((TInt64) out.get(4)));
                }
            }
            // and then the end of the file
            assertThrows(Exception.class, () -> s.runner().fetch(read.value()).run().close());
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
