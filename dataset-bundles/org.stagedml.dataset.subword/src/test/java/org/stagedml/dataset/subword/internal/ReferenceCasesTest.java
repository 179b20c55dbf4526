package org.stagedml.dataset.subword.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tensor2tensor's own test cases (tokenizer.py's docstring, text_encoder_test.py), with their
 * expected values: the port must behave as the reference where the reference defines it.
 */
class ReferenceCasesTest {
    @Test
    void tokenizerDocstringExample() {
        List<String> tokens = TextTokens.split("Dude - that's so cool.");
        assertEquals(List.of("Dude", " - ", "that", "'", "s", "so", "cool", "."), tokens);
        assertEquals("Dude - that's so cool.", TextTokens.join(tokens));
    }

    @Test
    void escapeAndUnescapeToken() {
        Set<Integer> alphabet = new HashSet<>();
        "abcdefghijklmnopqrstuvwxyz .\n".chars().forEach(alphabet::add);
        TokenEscaper.ESCAPE_CHARS.chars().forEach(alphabet::add);
        String escaped = TokenEscaper.escape("Foo! Bar.\nunder_score back\\slash", alphabet);
        assertEquals("\\70;oo\\33; \\66;ar.\\10;under\\uscore back\\\\slash_", escaped);
        assertEquals("Foo! Bar.\nunder_score back\\slash", TokenEscaper.unescape(escaped));
    }

    @Test
    void encodeDecode() {
        String corpus = "This is a corpus of text that provides a bunch of tokens from which "
                + "to build a vocabulary. It will be used when strings are encoded "
                + "with a TextEncoder subclass. The encoder was coded by a coder.";
        String original = "This is a coded sentence encoded by the SubwordTextEncoder.";
        Map<String, Long> counts = spaceSplitCounts(corpus);
        spaceSplitCounts(original).forEach((k, v) -> counts.merge(k, v, Long::sum));
        SubtokenVocab vocab = new VocabBuilder(counts, List.of(), 4, 0).buildToTargetSize(100, 2, 10).vocab();
        int[] encoded = vocab.encode(original);
        assertEquals(original, vocab.decode(encoded));
        Set<String> used = new HashSet<>();
        for (int id : encoded) {
            used.add(vocab.subtokens().get(id));
        }
        assertTrue(used.contains("encoded_") && used.contains("coded_"), used.toString());
        assertTrue(vocab.subtokens().contains("TextEncoder"));
        assertTrue(vocab.subtokens().contains("coder"));
        for (char c : corpus.replace(" ", "").toCharArray()) {
            assertTrue(vocab.subtokens().contains(String.valueOf(c)), "alphabet letter " + c);
        }
    }

    @Test
    void unicodeEmojiAreLetters() {
        SubtokenVocab vocab = new VocabBuilder(spaceSplitCounts(
                "Cat emoticons. \uD83D\uDE38 \uD83D\uDE39 \uD83D\uDE3A \uD83D\uDE3B"), List.of(), 4, 0)
                .buildToTargetSize(100, 2, 10).vocab();
        assertTrue(vocab.alphabet().contains(0x1F638));
        assertTrue(vocab.subtokens().contains("\uD83D\uDE3B"));
    }

    @Test
    void encodableWhenNotInAlphabet() {
        SubtokenVocab vocab = new VocabBuilder(spaceSplitCounts("the quick brown fox jumps over the lazy dog"),
                List.of(), 4, 0).buildToTargetSize(100, 2, 10).vocab();
        String original = "This has UPPER CASE letters that are out of alphabet";
        int[] encoded = vocab.encode(original);
        assertEquals(original, vocab.decode(encoded));
        StringBuilder concatenated = new StringBuilder();
        for (int id : encoded) {
            concatenated.append(vocab.subtokens().get(id));
        }
        assertTrue(concatenated.toString().contains("\\84;"), concatenated.toString());
    }

    @Test
    void longTokensWithMaxSubtokenLength() {
        java.util.Random random = new java.util.Random(0);
        Map<String, Long> counts = new HashMap<>();
        // the reference's case has 50 tokens of 4000 letters; smaller here, the point is the bound
        for (int t = 0; t < 20; t++) {
            StringBuilder token = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                token.append((char) ('A' + random.nextInt(26)));
            }
            counts.merge(token.toString(), 1L, Long::sum);
        }
        SubtokenVocab vocab = new VocabBuilder(counts, List.of(), 1, 10).buildToTargetSize(300, 1, 500).vocab();
        for (char c = 'A'; c <= 'Z'; c++) {
            assertTrue(vocab.subtokens().contains(String.valueOf(c)));
        }
        assertTrue(vocab.subtokens().stream().allMatch(s -> s.length() <= 10));
    }

    @Test
    void customReservedTokensComeRightAfterPadAndEos() {
        String corpus = "The quick brown fox jumps over the lazy dog";
        SubtokenVocab vocab = new VocabBuilder(spaceSplitCounts(corpus), List.of("S", "E"), 4, 0)
                .buildToTargetSize(10, 2, 10).vocab();
        assertEquals(List.of("<pad>", "<EOS>", "S_", "E_"), vocab.subtokens().subList(0, 4));
        assertEquals(corpus, vocab.decode(vocab.encode(corpus)));
        assertEquals("hi S", vocab.decode(concat(vocab.encode("hi"), new int[] {2})));
    }

    @Test
    void loadsUnquotedAndDoubleQuotedLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plain.subwords");
        Files.writeString(file, "<pad>\n<EOS>\nthe\n\"and\"\n'of'\n");
        assertEquals(List.of("<pad>", "<EOS>", "the", "and", "of"), SubwordsFile.read(file));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The reference tests count tokens split at spaces, not with the tokenizer. */
    private static Map<String, Long> spaceSplitCounts(String text) {
        Map<String, Long> counts = new HashMap<>();
        for (String token : text.split(" ")) {
            counts.merge(token, 1L, Long::sum);
        }
        return counts;
    }
}
