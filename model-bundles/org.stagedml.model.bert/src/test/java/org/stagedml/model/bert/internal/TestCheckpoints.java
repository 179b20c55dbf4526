package org.stagedml.model.bert.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Writes checkpoints of random weights under Google's names with SaveV2, as bert-random-init does. */
final class TestCheckpoints {
    private TestCheckpoints() {
    }

    /** Every encoder parameter (names and shapes taken from our own graph), random but not BERT's init: gammas, betas and biases vary too. */
    static Map<String, float[]> randomEncoder(BertHyper h, int seqLength, long seed, Map<String, long[]> shapes) {
        Map<String, float[]> w = new LinkedHashMap<>();
        Random r = new Random(seed);
        try (Graph g = new Graph()) {
            FineTuneGraph m = new FineTuneGraph(g, h, seqLength, 2, false, 0.01, FineTuneGraph::encoderParameter);
            for (ParameterSet.Parameter p : m.params.all()) {
                if (!FineTuneGraph.encoderParameter(p.name())) {
                    continue;
                }
                float[] v = new float[(int) p.size()];
                for (int i = 0; i < v.length; i++) {
                    double x = r.nextGaussian();
                    v[i] = p.name().endsWith("gamma") ? (float) (1 + 0.2 * x)
                            : p.name().contains("embeddings") ? (float) (0.5 * x) : (float) (0.15 * x);
                }
                w.put(p.name(), v);
                shapes.put(p.name(), p.shape());
            }
        }
        return w;
    }

    static void write(Path prefix, Map<String, float[]> weights, Map<String, long[]> shapes) {
        List<Tensor> fed = new ArrayList<>();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            List<Operand<?>> inputs = new ArrayList<>();
            Session.Runner runner = s.runner();
            for (Map.Entry<String, float[]> e : weights.entrySet()) {
                Shape shape = Shape.of(shapes.get(e.getKey()));
                Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
                TFloat32 t = TFloat32.tensorOf(shape, DataBuffers.of(e.getValue(), true, false));
                fed.add(t);
                runner.feed(p, t);
                inputs.add(p);
            }
            String[] slices = new String[weights.size()];
            java.util.Arrays.fill(slices, "");
            var save = tf.train.save(tf.constant(prefix.toString()),
                    tf.constant(NdArrays.vectorOfObjects(weights.keySet().toArray(String[]::new))),
                    tf.constant(NdArrays.vectorOfObjects(slices)), inputs);
            runner.addTarget(save).run().close();
        } finally {
            fed.forEach(Tensor::close);
        }
    }
}
