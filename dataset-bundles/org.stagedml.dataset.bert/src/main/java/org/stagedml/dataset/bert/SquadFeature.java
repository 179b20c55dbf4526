package org.stagedml.dataset.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.Json;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.Int64List;

/**
 * One window of a SQuAD question as BERT input ({@code run_squad.InputFeatures}):
 * {@code [CLS] query [SEP] doc span [SEP]}, zero-padded, with what prediction needs to map a span
 * back to the context's words.
 *
 * @param uniqueId run_squad's unique id (1000000000 upward over all windows)
 * @param exampleIndex the question's index in its split
 * @param docSpanIndex the window's index among the question's windows
 * @param tokens the word pieces of the window, [CLS] and [SEP]s included (not padded)
 * @param tokenToOrig for each position in {@code tokens}: the context word it came from, -1 outside the context
 * @param maxContext for each position: whether this window gives the token its most context
 * @param startPosition the answer's first token in the window; 0 ([CLS]) when the answer is outside it
 * @param endPosition the answer's last token; 0 when outside
 */
public record SquadFeature(long uniqueId, int exampleIndex, int docSpanIndex, List<String> tokens, int[] tokenToOrig,
        boolean[] maxContext, int[] inputIds, int[] inputMask, int[] segmentIds, int startPosition, int endPosition) {
    public static final String UNIQUE_IDS = "unique_ids";
    public static final String START_POSITIONS = "start_positions";
    public static final String END_POSITIONS = "end_positions";

    public SquadFeature {
        tokens = List.copyOf(tokens);
    }

    /** The serialized {@code tf.train.Example}: unique_ids, input_ids, input_mask, segment_ids, start/end_positions. */
    public byte[] toExample() {
        Features.Builder f = Features.newBuilder()
                .putFeature(UNIQUE_IDS, ints(new long[] {uniqueId}))
                .putFeature(InputFeatures.INPUT_IDS, ints(inputIds))
                .putFeature(InputFeatures.INPUT_MASK, ints(inputMask))
                .putFeature(InputFeatures.SEGMENT_IDS, ints(segmentIds))
                .putFeature(START_POSITIONS, ints(new long[] {startPosition}))
                .putFeature(END_POSITIONS, ints(new long[] {endPosition}));
        return Example.newBuilder().setFeatures(f).build().toByteArray();
    }

    /** The model inputs of a serialized example: [unique id, start, end] and the three int arrays. */
    public record Inputs(long uniqueId, int[] inputIds, int[] inputMask, int[] segmentIds, int startPosition, int endPosition) {
    }

    public static Inputs fromExample(byte[] example) {
        Features f;
        try {
            f = Example.parseFrom(example).getFeatures();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a tf.train.Example: " + e.getMessage(), e);
        }
        return new Inputs(longs(f, UNIQUE_IDS)[0], toInts(longs(f, InputFeatures.INPUT_IDS)),
                toInts(longs(f, InputFeatures.INPUT_MASK)), toInts(longs(f, InputFeatures.SEGMENT_IDS)),
                (int) longs(f, START_POSITIONS)[0], (int) longs(f, END_POSITIONS)[0]);
    }

    /** What prediction needs beside the logits: one JSON line of {@code <split>_features.jsonl}. */
    public ObjectNode metadata() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("unique_id", uniqueId);
        o.put("example_index", exampleIndex);
        o.put("doc_span_index", docSpanIndex);
        tokens.forEach(o.putArray("tokens")::add);
        var map = o.putArray("token_to_orig");
        for (int t : tokenToOrig) {
            map.add(t);
        }
        var max = o.putArray("token_is_max_context");
        for (boolean b : maxContext) {
            max.add(b);
        }
        return o;
    }

    /** A window as prediction sees it, from {@link #metadata()} (no inputs, no positions). */
    public static SquadFeature fromMetadata(JsonNode o) {
        List<String> tokens = new ArrayList<>();
        o.path("tokens").forEach(t -> tokens.add(t.asText()));
        int[] map = new int[tokens.size()];
        boolean[] max = new boolean[tokens.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = o.path("token_to_orig").path(i).asInt(-1);
            max[i] = o.path("token_is_max_context").path(i).asBoolean(false);
        }
        return new SquadFeature(o.path("unique_id").asLong(), o.path("example_index").asInt(), o.path("doc_span_index").asInt(),
                tokens, map, max, new int[0], new int[0], new int[0], 0, 0);
    }

    private static Feature ints(int[] values) {
        Int64List.Builder l = Int64List.newBuilder();
        for (int v : values) {
            l.addValue(v);
        }
        return Feature.newBuilder().setInt64List(l).build();
    }

    private static Feature ints(long[] values) {
        Int64List.Builder l = Int64List.newBuilder();
        for (long v : values) {
            l.addValue(v);
        }
        return Feature.newBuilder().setInt64List(l).build();
    }

    private static long[] longs(Features f, String name) {
        if (!f.containsFeature(name)) {
            throw new IllegalArgumentException("the example has no feature " + name + "; it is not a squad-features record");
        }
        return f.getFeatureOrThrow(name).getInt64List().getValueList().stream().mapToLong(Long::longValue).toArray();
    }

    private static int[] toInts(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.toIntExact(v[i]);
        }
        return out;
    }
}
