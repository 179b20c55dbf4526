package org.stagedml.dataset.bert;

import static org.stagedml.dataset.bert.ExampleFeatures.floats;
import static org.stagedml.dataset.bert.ExampleFeatures.ints;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Features;

/**
 * One BERT pre-training example as google-research/bert's {@code create_pretraining_data.py} writes it
 * (the {@link org.stagedml.api.stage.DataLayouts#BERT_PRETRAIN_RECORDS} layout): {@code input_ids},
 * {@code input_mask}, {@code segment_ids} (max_seq_length, zero-padded), {@code masked_lm_positions},
 * {@code masked_lm_ids}, {@code masked_lm_weights} (max_predictions_per_seq, zero-padded; weight 1.0
 * for a real prediction) and {@code next_sentence_labels} (0 when segment B follows A, 1 when it is random).
 */
public record PretrainingExample(int[] inputIds, int[] inputMask, int[] segmentIds, int[] maskedLmPositions,
        int[] maskedLmIds, float[] maskedLmWeights, int nextSentenceLabel) {
    public static final String INPUT_IDS = "input_ids";
    public static final String INPUT_MASK = "input_mask";
    public static final String SEGMENT_IDS = "segment_ids";
    public static final String MASKED_LM_POSITIONS = "masked_lm_positions";
    public static final String MASKED_LM_IDS = "masked_lm_ids";
    public static final String MASKED_LM_WEIGHTS = "masked_lm_weights";
    public static final String NEXT_SENTENCE_LABELS = "next_sentence_labels";

    public PretrainingExample {
        if (inputIds.length != inputMask.length || inputIds.length != segmentIds.length) {
            throw new IllegalArgumentException("input_ids, input_mask and segment_ids differ in length: "
                    + inputIds.length + ", " + inputMask.length + ", " + segmentIds.length);
        }
        if (maskedLmPositions.length != maskedLmIds.length || maskedLmPositions.length != maskedLmWeights.length) {
            throw new IllegalArgumentException("masked_lm_positions, masked_lm_ids and masked_lm_weights differ in length: "
                    + maskedLmPositions.length + ", " + maskedLmIds.length + ", " + maskedLmWeights.length);
        }
    }

    /**
     * The example of an unpadded instance: {@code tokens} (ids, masked) and their segment ids, the
     * masked positions and the original ids there, padded as the reference's
     * {@code write_instance_to_example_files} does; IllegalArgumentException when it does not fit.
     */
    public static PretrainingExample padded(int[] tokens, int[] segmentIds, int[] positions, int[] labels,
            boolean randomNext, int maxSeqLength, int maxPredictionsPerSeq) {
        if (tokens.length > maxSeqLength || positions.length > maxPredictionsPerSeq) {
            throw new IllegalArgumentException(tokens.length + " tokens and " + positions.length + " predictions exceed "
                    + maxSeqLength + " and " + maxPredictionsPerSeq);
        }
        int[] mask = new int[maxSeqLength];
        Arrays.fill(mask, 0, tokens.length, 1);
        float[] weights = new float[maxPredictionsPerSeq];
        Arrays.fill(weights, 0, positions.length, 1f);
        return new PretrainingExample(Arrays.copyOf(tokens, maxSeqLength), mask, Arrays.copyOf(segmentIds, maxSeqLength),
                Arrays.copyOf(positions, maxPredictionsPerSeq), Arrays.copyOf(labels, maxPredictionsPerSeq), weights,
                randomNext ? 1 : 0);
    }

    /** The number of real tokens (the sum of the input mask). */
    public int length() {
        return Arrays.stream(inputMask).sum();
    }

    /** The number of real predictions (weights 1.0). */
    public int predictions() {
        int n = 0;
        for (float w : maskedLmWeights) {
            n += w != 0 ? 1 : 0;
        }
        return n;
    }

    /** The serialized {@code tf.train.Example}, features in the reference's order. */
    public byte[] toExample() {
        Features f = Features.newBuilder()
                .putFeature(INPUT_IDS, ints(inputIds))
                .putFeature(INPUT_MASK, ints(inputMask))
                .putFeature(SEGMENT_IDS, ints(segmentIds))
                .putFeature(MASKED_LM_POSITIONS, ints(maskedLmPositions))
                .putFeature(MASKED_LM_IDS, ints(maskedLmIds))
                .putFeature(MASKED_LM_WEIGHTS, floats(maskedLmWeights))
                .putFeature(NEXT_SENTENCE_LABELS, ints(new int[] {nextSentenceLabel}))
                .build();
        return Example.newBuilder().setFeatures(f).build().toByteArray();
    }

    /** Parses a serialized {@code tf.train.Example} of this layout; IllegalArgumentException naming what is missing. */
    public static PretrainingExample fromExample(byte[] example) {
        Features f;
        try {
            f = Example.parseFrom(example).getFeatures();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a tf.train.Example: " + e.getMessage(), e);
        }
        return new PretrainingExample(ints(f, INPUT_IDS), ints(f, INPUT_MASK), ints(f, SEGMENT_IDS),
                ints(f, MASKED_LM_POSITIONS), ints(f, MASKED_LM_IDS), floats(f, MASKED_LM_WEIGHTS), ints(f, NEXT_SENTENCE_LABELS)[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PretrainingExample x && Arrays.equals(inputIds, x.inputIds) && Arrays.equals(inputMask, x.inputMask)
                && Arrays.equals(segmentIds, x.segmentIds) && Arrays.equals(maskedLmPositions, x.maskedLmPositions)
                && Arrays.equals(maskedLmIds, x.maskedLmIds) && Arrays.equals(maskedLmWeights, x.maskedLmWeights)
                && nextSentenceLabel == x.nextSentenceLabel;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(inputIds) * 31 + Arrays.hashCode(maskedLmPositions)) * 31 + nextSentenceLabel;
    }

    @Override
    public String toString() {
        return "PretrainingExample[input_ids=" + Arrays.toString(inputIds) + ", segment_ids=" + Arrays.toString(segmentIds)
                + ", masked_lm_positions=" + Arrays.toString(maskedLmPositions) + ", masked_lm_ids="
                + Arrays.toString(maskedLmIds) + ", next_sentence_label=" + nextSentenceLabel + "]";
    }
}
