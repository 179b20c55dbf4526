package org.stagedml.dataset.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stagedml.api.Json;

/** run_squad.py's conversion on hand-computed cases. */
public class SquadConverterTest {
    public static final List<String> VOCAB;

    static {
        List<String> v = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "what", "when", "?", "the", "beatles", "(", ")",
                "-", "1960", "1970", "were", "famous", "."));
        for (int i = 0; i < 10; i++) {
            v.add("w" + i);
        }
        VOCAB = List.copyOf(v);
    }

    static final FullTokenizer TOKENIZER = new FullTokenizer(Vocabulary.of(VOCAB), true);
    /** Ten one-piece words "w0 w1 ... w9"; word k starts at character 3k. */
    static final String TEN_WORDS = "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9";

    static ObjectNode line(String id, String context, String question, String answer, int start) {
        ObjectNode o = Json.mapper().createObjectNode().put("id", id).put("context", context).put("question", question);
        o.putArray("answers").addObject().put("text", answer).put("answer_start", start);
        return o;
    }

    @Test
    void wordsAndCharacterOffsetsAsReadSquadExamples() {
        List<Integer> charToWord = new ArrayList<>();
        List<String> words = SquadExample.words(" ab\tc\u202Fd  e", charToWord);
        assertEquals(List.of("ab", "c", "d", "e"), words);
        assertEquals(List.of(-1, 0, 0, 0, 1, 1, 2, 2, 2, 3), charToWord);
        SquadExample e = SquadExample.fromJson(line("q", "The Beatles (1960-1970) were famous.", "When?", "1960", 13));
        assertEquals(2, e.startWord());
        assertEquals(2, e.endWord());
        assertTrue(e.hasAnswerSpan());
        // the answer is not at its offset: run_squad.py skips such a training question
        assertFalse(SquadExample.fromJson(line("q", "The Beatles (1960-1970) were famous.", "When?", "1960", 0)).hasAnswerSpan());
    }

    @Test
    void longContextIsCutIntoStridedWindowsAndAnAnswerOutsideAWindowPointsAtCls() {
        // query [what, ?]: 9 - 2 - 3 = 4 context pieces per window, windows starting 2 apart
        SquadConverter c = new SquadConverter(TOKENIZER, 9, 2, 64);
        SquadExample e = SquadExample.fromJson(line("q", TEN_WORDS, "What?", "w3 w4", 9));
        List<SquadFeature> f = c.convert(e, 7, SquadConverter.FIRST_UNIQUE_ID, true);
        assertEquals(4, f.size());
        assertEquals(List.of("[CLS]", "what", "?", "[SEP]", "w0", "w1", "w2", "w3", "[SEP]"), f.get(0).tokens());
        assertEquals(List.of("[CLS]", "what", "?", "[SEP]", "w2", "w3", "w4", "w5", "[SEP]"), f.get(1).tokens());
        assertEquals(List.of("w6", "w7", "w8", "w9"), f.get(3).tokens().subList(4, 8));
        // window 0 holds w3 but not w4 (the answer crosses its end); windows 2 and 3 miss w3: all point at [CLS]
        assertEquals(List.of(0, 5, 0, 0), f.stream().map(SquadFeature::startPosition).toList());
        assertEquals(List.of(0, 6, 0, 0), f.stream().map(SquadFeature::endPosition).toList());
        assertArrayEquals(new int[] {-1, -1, -1, -1, 2, 3, 4, 5, -1}, f.get(1).tokenToOrig());
        // w2: left 2 right 1 in window 0 beats left 0 in window 1; w3: 1 context each side in window 1 beats 0 in window 0
        assertArrayEquals(new boolean[] {false, false, false, false, false, true, true, false, false}, f.get(1).maxContext());
        assertArrayEquals(new boolean[] {false, false, false, false, true, true, true, false, false}, f.get(0).maxContext());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 1}, f.get(1).segmentIds());
        assertArrayEquals(new int[] {2, 4, 6, 3, 19, 20, 21, 22, 3}, f.get(1).inputIds());
        assertEquals(List.of(1_000_000_000L, 1_000_000_001L, 1_000_000_002L, 1_000_000_003L),
                f.stream().map(SquadFeature::uniqueId).toList());
        assertEquals(7, f.get(2).exampleIndex());
        assertEquals(2, f.get(2).docSpanIndex());
        // the record round trip
        SquadFeature.Inputs in = SquadFeature.fromExample(f.get(1).toExample());
        assertEquals(1_000_000_001L, in.uniqueId());
        assertEquals(5, in.startPosition());
        assertArrayEquals(f.get(1).inputIds(), in.inputIds());
        SquadFeature back = SquadFeature.fromMetadata(f.get(1).metadata());
        assertEquals(f.get(1).tokens(), back.tokens());
        assertArrayEquals(f.get(1).tokenToOrig(), back.tokenToOrig());
        assertArrayEquals(f.get(1).maxContext(), back.maxContext());
    }

    @Test
    void improveAnswerSpanNarrowsToThePiecesOfTheAnswer() {
        SquadConverter c = new SquadConverter(TOKENIZER, 32, 128, 64);
        SquadExample e = SquadExample.fromJson(line("q", "The Beatles (1960-1970) were famous.", "When?", "1960", 13));
        SquadFeature f = c.convert(e, 0, SquadConverter.FIRST_UNIQUE_ID, true).get(0);
        // word 2 "(1960-1970)" is the pieces ( 1960 - 1970 ); the answer is just 1960
        assertEquals(List.of("[CLS]", "when", "?", "[SEP]", "the", "beatles", "(", "1960", "-", "1970", ")", "were", "famous", ".",
                "[SEP]"), f.tokens());
        assertEquals(7, f.startPosition());
        assertEquals(7, f.endPosition());
        assertArrayEquals(new int[] {3, 3}, c.improveAnswerSpan(List.of("the", "beatles", "(", "1960", "-", "1970", ")"), 2, 6, "1960"));
        // no sub-span spells the answer: the span stays
        assertArrayEquals(new int[] {2, 6}, c.improveAnswerSpan(List.of("the", "beatles", "(", "1960", "-", "1970", ")"), 2, 6, "1999"));
        assertEquals(32, f.inputIds().length);
        assertEquals(15, java.util.Arrays.stream(f.inputMask()).sum());
    }

    @Test
    void aLongQuestionIsCutToMaxQueryLength() {
        SquadConverter c = new SquadConverter(TOKENIZER, 12, 4, 2);
        SquadFeature f = c.convert(SquadExample.of("q", "what what what ?", "w0 w1"), 0, 1, false).get(0);
        assertEquals(List.of("[CLS]", "what", "what", "[SEP]", "w0", "w1", "[SEP]"), f.tokens());
        assertEquals(0, f.startPosition());
    }
}
