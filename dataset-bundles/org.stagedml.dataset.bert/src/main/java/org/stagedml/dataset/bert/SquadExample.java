package org.stagedml.dataset.bert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One SQuAD question as BERT's {@code run_squad.read_squad_examples} prepares it: the context cut
 * into whitespace-separated words ({@code doc_tokens}; whitespace is space, tab, CR, LF and U+202F),
 * and for training the first answer's word span ({@code start_position}, {@code end_position},
 * found through {@code char_to_word_offset}, character offsets counted in code points as Python does).
 *
 * @param id the question id
 * @param question the question text
 * @param docTokens the context's words
 * @param answers every answer text (dev has several; the metrics take the best)
 * @param answerText the first answer's text, or null when there is none
 * @param startWord the first answer's first word, -1 when there is none
 * @param endWord the first answer's last word, -1 when there is none
 */
public record SquadExample(String id, String question, List<String> docTokens, List<String> answers, String answerText,
        int startWord, int endWord) {
    public SquadExample {
        docTokens = List.copyOf(docTokens);
        answers = List.copyOf(answers);
    }

    /** {@code is_whitespace} of run_squad.py. */
    static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x202F;
    }

    /** A question without answers (for prediction): the context split into words. */
    public static SquadExample of(String id, String question, String context) {
        return new SquadExample(id, question, words(context, null), List.of(), null, -1, -1);
    }

    /**
     * A line of the {@code squad} stage ({@code id, context, question, answers: [{text, answer_start}]}).
     * The word span of the first answer is filled in; it stays -1 when the text at the offset does not
     * contain the answer (run_squad.py skips such training examples).
     */
    public static SquadExample fromJson(JsonNode line) {
        String context = line.path("context").asText();
        List<Integer> charToWord = new ArrayList<>();
        List<String> words = words(context, charToWord);
        List<String> answers = new ArrayList<>();
        line.path("answers").forEach(a -> answers.add(a.path("text").asText()));
        int start = -1;
        int end = -1;
        String first = null;
        JsonNode a = line.path("answers").path(0);
        if (a.isObject()) {
            first = a.path("text").asText();
            int offset = a.path("answer_start").asInt(-1);
            int length = first.codePointCount(0, first.length());
            if (offset >= 0 && length > 0 && offset + length - 1 < charToWord.size()) {
                start = charToWord.get(offset);
                end = charToWord.get(offset + length - 1);
                String actual = String.join(" ", words.subList(start, end + 1));
                String cleaned = String.join(" ", PythonText.split(first));
                if (!actual.contains(cleaned)) {
                    start = -1;
                    end = -1;
                }
            }
        }
        return new SquadExample(line.path("id").asText(), line.path("question").asText(), words, answers, first, start, end);
    }

    /** Whether the first answer was found in the context (a training example run_squad.py keeps). */
    public boolean hasAnswerSpan() {
        return startWord >= 0;
    }

    /** The words of a text; {@code charToWord}, when given, receives the word index of every code point. */
    static List<String> words(String text, List<Integer> charToWord) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean prevWhitespace = true;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isWhitespace(c)) {
                prevWhitespace = true;
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (prevWhitespace) {
                    word = new StringBuilder();
                }
                word.appendCodePoint(c);
                prevWhitespace = false;
            }
            if (charToWord != null) {
                charToWord.add(words.size() - (word != null ? 0 : 1));
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
