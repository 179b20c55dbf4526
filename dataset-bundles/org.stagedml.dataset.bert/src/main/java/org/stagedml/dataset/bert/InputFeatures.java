package org.stagedml.dataset.bert;

import static org.stagedml.dataset.bert.ExampleFeatures.ints;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Features;

/**
 * One BERT input, as {@code run_classifier.InputFeatures}: token ids, attention mask and segment ids
 * (all {@code max_seq_length} long, zero-padded), the label, and whether it is a real example.
 * In a {@code tf.train.Example} the int64 features are {@code input_ids}, {@code input_mask},
 * {@code segment_ids}, {@code is_real_example} and, for classification, {@code label_ids} (the
 * label's index); for regression the label is the float feature {@code label}.
 *
 * @param label the label's index for classification, the score for regression
 */
public record InputFeatures(int[] inputIds, int[] inputMask, int[] segmentIds, double label, boolean isRealExample) {
    public static final String INPUT_IDS = "input_ids";
    public static final String INPUT_MASK = "input_mask";
    public static final String SEGMENT_IDS = "segment_ids";
    public static final String LABEL_IDS = "label_ids";
    public static final String LABEL = "label";
    public static final String IS_REAL_EXAMPLE = "is_real_example";

    public InputFeatures {
        if (inputIds.length != inputMask.length || inputIds.length != segmentIds.length) {
            throw new IllegalArgumentException("input_ids, input_mask and segment_ids differ in length: "
                    + inputIds.length + ", " + inputMask.length + ", " + segmentIds.length);
        }
    }

    /** The class index of a classification example. */
    public int labelId() {
        return (int) label;
    }

    /** The serialized {@code tf.train.Example}. */
    public byte[] toExample(boolean regression) {
        Features.Builder f = Features.newBuilder()
                .putFeature(INPUT_IDS, ints(inputIds))
                .putFeature(INPUT_MASK, ints(inputMask))
                .putFeature(SEGMENT_IDS, ints(segmentIds));
        if (regression) {
            f.putFeature(LABEL, ExampleFeatures.floats(new float[] {(float) label}));
        } else {
            f.putFeature(LABEL_IDS, ints(new int[] {labelId()}));
        }
        f.putFeature(IS_REAL_EXAMPLE, ints(new int[] {isRealExample ? 1 : 0}));
        return Example.newBuilder().setFeatures(f).build().toByteArray();
    }

    /** Parses a serialized {@code tf.train.Example} written by {@link #toExample}. */
    public static InputFeatures fromExample(byte[] example) {
        Features f;
        try {
            f = Example.parseFrom(example).getFeatures();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a tf.train.Example: " + e.getMessage(), e);
        }
        double label;
        if (f.containsFeature(LABEL_IDS)) {
            label = ints(f, LABEL_IDS)[0];
        } else if (f.containsFeature(LABEL)) {
            label = f.getFeatureOrThrow(LABEL).getFloatList().getValue(0);
        } else {
            throw new IllegalArgumentException("the example has neither " + LABEL_IDS + " nor " + LABEL);
        }
        int[] real = f.containsFeature(IS_REAL_EXAMPLE) ? ints(f, IS_REAL_EXAMPLE) : new int[] {1};
        return new InputFeatures(ints(f, INPUT_IDS), ints(f, INPUT_MASK), ints(f, SEGMENT_IDS), label, real[0] != 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputFeatures x && Arrays.equals(inputIds, x.inputIds) && Arrays.equals(inputMask, x.inputMask)
                && Arrays.equals(segmentIds, x.segmentIds) && Double.compare(label, x.label) == 0
                && isRealExample == x.isRealExample;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputIds) * 31 + Double.hashCode(label);
    }

    @Override
    public String toString() {
        return "InputFeatures[input_ids=" + Arrays.toString(inputIds) + ", segment_ids=" + Arrays.toString(segmentIds)
                + ", label=" + label + ", real=" + isRealExample + "]";
    }
}
