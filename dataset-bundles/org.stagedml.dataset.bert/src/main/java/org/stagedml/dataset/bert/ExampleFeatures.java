package org.stagedml.dataset.bert;

import java.util.List;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/** The int64 and float features of a {@code tf.train.Example}, to and from Java arrays. */
final class ExampleFeatures {
    private ExampleFeatures() {
    }

    static Feature ints(int[] values) {
        Int64List.Builder l = Int64List.newBuilder();
        for (int v : values) {
            l.addValue(v);
        }
        return Feature.newBuilder().setInt64List(l).build();
    }

    static Feature floats(float[] values) {
        FloatList.Builder l = FloatList.newBuilder();
        for (float v : values) {
            l.addValue(v);
        }
        return Feature.newBuilder().setFloatList(l).build();
    }

    /** The int64 feature {@code name}; IllegalArgumentException when the example has none. */
    static int[] ints(Features f, String name) {
        List<Long> l = feature(f, name).getInt64List().getValueList();
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(l.get(i));
        }
        return out;
    }

    /** The float feature {@code name}; IllegalArgumentException when the example has none. */
    static float[] floats(Features f, String name) {
        List<Float> l = feature(f, name).getFloatList().getValueList();
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i);
        }
        return out;
    }

    private static Feature feature(Features f, String name) {
        if (!f.containsFeature(name)) {
            throw new IllegalArgumentException("the example has no feature " + name);
        }
        return f.getFeatureOrThrow(name);
    }
}
