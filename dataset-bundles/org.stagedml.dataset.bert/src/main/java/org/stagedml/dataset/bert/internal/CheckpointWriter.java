package org.stagedml.dataset.bert.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Writes float tensors as a TensorFlow V2 checkpoint (SaveV2: {@code prefix.index} and
 * {@code prefix.data-00000-of-00001}) under exact names such as
 * {@code bert/encoder/layer_0/attention/self/query/kernel}, restorable by name with RestoreV2 as
 * Google's TF1 checkpoints are. The tensors are fed, not embedded in the graph.
 */
final class CheckpointWriter {
    /** One tensor: its checkpoint name, shape and values (row-major). */
    record Entry(String name, long[] shape, float[] values) {
    }

    /** Produces the entries one at a time, so only one Java array is alive besides the native tensors. */
    interface Source {
        List<String> names();

        Entry entry(String name);
    }

    /**
     * Saving and restoring need no GPU; hiding them keeps this session off GPU 0 (outside the
     * realizer's grants) and keeps it from fixing the process-wide GPU memory options before a
     * training session sets {@code allow_growth}.
     */
    private static final ConfigProto CPU_ONLY = ConfigProto.newBuilder().putDeviceCount("GPU", 0).build();

    private CheckpointWriter() {
    }

    static void write(Path prefix, Source source) {
        List<String> names = source.names();
        List<Tensor> fed = new ArrayList<>(names.size());
        try (Graph g = new Graph(); Session s = new Session(g, CPU_ONLY)) {
            Ops tf = Ops.create(g);
            List<Operand<?>> inputs = new ArrayList<>(names.size());
            Session.Runner runner = s.runner();
            for (String name : names) {
                Entry e = source.entry(name);
                Shape shape = Shape.of(e.shape());
                Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
                TFloat32 t = TFloat32.tensorOf(shape, DataBuffers.of(e.values(), true, false));
                fed.add(t);
                runner.feed(p, t);
                inputs.add(p);
            }
            String[] shapeAndSlices = new String[names.size()];
            java.util.Arrays.fill(shapeAndSlices, "");
            var save = tf.train.save(tf.constant(prefix.toString()), tf.constant(NdArrays.vectorOfObjects(names.toArray(String[]::new))),
                    tf.constant(NdArrays.vectorOfObjects(shapeAndSlices)), inputs);
            runner.addTarget(save).run().close();
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /** Reads float tensors back by name (RestoreV2), as a model would. */
    static List<float[]> read(Path prefix, List<String> names) {
        try (Graph g = new Graph(); Session s = new Session(g, CPU_ONLY)) {
            Ops tf = Ops.create(g);
            String[] slices = new String[names.size()];
            java.util.Arrays.fill(slices, "");
            List<Class<? extends org.tensorflow.types.family.TType>> types = new ArrayList<>();
            names.forEach(n -> types.add(TFloat32.class));
            var restore = tf.train.restore(tf.constant(prefix.toString()), tf.constant(NdArrays.vectorOfObjects(names.toArray(String[]::new))),
                    tf.constant(NdArrays.vectorOfObjects(slices)), types);
            Session.Runner runner = s.runner();
            restore.tensors().forEach(runner::fetch);
            List<float[]> out = new ArrayList<>();
            try (var result = runner.run()) {
                for (int i = 0; i < names.size(); i++) {
                    TFloat32 t = (TFloat32) result.get(i);
                    float[] v = new float[(int) t.shape().size()];
                    t.copyTo(DataBuffers.of(v, false, false));
                    out.add(v);
                }
            }
            return out;
        }
    }
}
