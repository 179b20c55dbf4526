package org.stagedml.dataset.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases of the reference's tokenization_test.py, and its documented behaviour one rule at a time. */
class FullTokenizerTest {
    private static final List<String> TEST_VOCAB = List.of(
            "[UNK]", "[CLS]", "[SEP]", "want", "##want", "##ed", "wa", "un", "runn", "##ing", ",");

    @TempDir
    Path dir;

    private Path writeVocab(List<String> tokens) throws IOException {
        Path f = dir.resolve("vocab.txt");
        Files.writeString(f, String.join("\n", tokens) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    // --- tokenization_test.py ---

    @Test
    void fullTokenizer() throws IOException {
        FullTokenizer t = new FullTokenizer(writeVocab(TEST_VOCAB), true);
        List<String> tokens = t.tokenize("UNwant\u00E9d,running");
        assertEquals(List.of("un", "##want", "##ed", ",", "runn", "##ing"), tokens);
        assertArrayEquals(new int[] {7, 4, 5, 10, 8, 9}, t.convertTokensToIds(tokens));
        assertEquals(tokens, t.convertIdsToTokens(new int[] {7, 4, 5, 10, 8, 9}));
    }

    @Test
    void chinese() {
        assertEquals(List.of("ah", "\u535A", "\u63A8", "zz"), new BasicTokenizer(true).tokenize("ah\u535A\u63A8zz"));
    }

    @Test
    void basicTokenizerLower() {
        BasicTokenizer t = new BasicTokenizer(true);
        assertEquals(List.of("hello", "!", "how", "are", "you", "?"), t.tokenize(" \tHeLLo!how  \n Are yoU?  "));
        assertEquals(List.of("hello"), t.tokenize("H\u00E9llo"));
    }

    @Test
    void basicTokenizerNoLower() {
        assertEquals(List.of("HeLLo", "!", "how", "Are", "yoU", "?"),
                new BasicTokenizer(false).tokenize(" \tHeLLo!how  \n Are yoU?  "));
    }

    @Test
    void wordpieceTokenizer() {
        List<String> vocab = TEST_VOCAB.subList(0, 10);
        WordpieceTokenizer t = new WordpieceTokenizer(Vocabulary.of(vocab));
        assertEquals(List.of(), t.tokenize(""));
        assertEquals(List.of("un", "##want", "##ed", "runn", "##ing"), t.tokenize("unwanted running"));
        assertEquals(List.of("[UNK]", "runn", "##ing"), t.tokenize("unwantedX running"));
    }

    @Test
    void convertTokensToIds() {
        FullTokenizer t = new FullTokenizer(Vocabulary.of(TEST_VOCAB.subList(0, 10)), true);
        assertArrayEquals(new int[] {7, 4, 5, 8, 9}, t.convertTokensToIds(List.of("un", "##want", "##ed", "runn", "##ing")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.convertTokensToIds(List.of("un", "nope")));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void isWhitespace() {
        for (String s : List.of(" ", "\t", "\r", "\n", "\u00A0")) {
            assertTrue(CharClasses.isWhitespace(s.codePointAt(0)), s);
        }
        assertFalse(CharClasses.isWhitespace('A'));
        assertFalse(CharClasses.isWhitespace('-'));
    }

    @Test
    void isControl() {
        assertTrue(CharClasses.isControl(0x0005));
        for (int cp : new int[] {'A', ' ', '\t', '\r', 0x1F4A9}) {
            assertFalse(CharClasses.isControl(cp), Integer.toHexString(cp));
        }
    }

    @Test
    void isPunctuation() {
        for (int cp : new int[] {'-', '$', '`', '.'}) {
            assertTrue(CharClasses.isPunctuation(cp), Character.toString(cp));
        }
        assertFalse(CharClasses.isPunctuation('A'));
        assertFalse(CharClasses.isPunctuation(' '));
    }

    // --- documented behaviour, rule by rule ---

    @Test
    void cleaningDropsNulReplacementAndControlCharactersAndMapsWhitespaceToSpace() {
        BasicTokenizer t = new BasicTokenizer(false);
        assertEquals(List.of("abc"), t.tokenize("a\u0000b\uFFFDc"));
        // Cc (bell, escape, DEL, NEL) and Cf (soft hyphen, zero-width space/joiner, BOM, RLM) vanish without splitting
        assertEquals(List.of("ab", "cd", "ef", "gh"),
                t.tokenize("a\u0007b c\u001Bd\u007F e\u0085f\u00AD \uFEFFg\u200Bh\u200D\u200F"));
        // Zs and \t \n \r split words; no-break space and ideographic space included
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), t.tokenize("a\u00A0b\u3000c\td\r\ne\u2009f"));
        // U+2028 is neither Zs nor control: kept by cleaning, then split on by Python's str.split
        assertEquals(List.of("a", "b"), t.tokenize("a\u2028b"));
        assertEquals(List.of(), t.tokenize(" \u0000\t\u00AD\n "));
        // only Cc and Cf count as control (the 2018 reference dropped every C* category): private use
        // (Co), unassigned (Cn) and lone surrogates (Cs) stay
        assertEquals(List.of("a\uE000b\u0378c\uD800d"), t.tokenize("a\uE000b\u0378c\uD800d"));
    }

    @Test
    void cjkIdeographsBecomeTokensButKanaAndHangulDoNot() {
        BasicTokenizer t = new BasicTokenizer(false);
        assertEquals(List.of("\u4E2D", "\u6587", "abc", "\u4E00"), t.tokenize("\u4E2D\u6587abc\u4E00"));
        // extension B (outside the BMP: surrogate pairs) and compatibility ideographs
        assertEquals(List.of("x", "\uD840\uDC00", "\uFA0E", "y"), t.tokenize("x\uD840\uDC00\uFA0Ey"));
        assertEquals(List.of("\u3072\u3089\u304C\u306A", "\uD55C\uAD6D\uC5B4"), t.tokenize("\u3072\u3089\u304C\u306A \uD55C\uAD6D\uC5B4"));
        // just outside the ranges: U+4DC0 (hexagram, So) is not CJK
        assertEquals(List.of("a\u4DC0b"), t.tokenize("a\u4DC0b"));
    }

    @Test
    void lowerCasingStripsAccentsOnlyWhenUncased() {
        assertEquals(List.of("cafe", "naive", "resume", "angstrom"),
                new BasicTokenizer(true).tokenize("Caf\u00E9 na\u00EFve R\u00C9SUM\u00C9 \u00C5ngstr\u00F6m"));
        assertEquals(List.of("Caf\u00E9", "na\u00EFve"), new BasicTokenizer(false).tokenize("Caf\u00E9 na\u00EFve"));
        // decomposed input: the combining acute (Mn) is dropped too
        assertEquals(List.of("ete"), new BasicTokenizer(true).tokenize("e\u0301te\u0301"));
        // NFD is canonical only: ligatures and sharp s survive; dotted capital I loses its dot
        assertEquals(List.of("\uFB01", "stra\u00DFe", "istanbul"), new BasicTokenizer(true).tokenize("\uFB01 STRA\u00DFE \u0130stanbul"));
        // Greek final sigma, as Python's str.lower
        assertEquals(List.of("\u03BF\u03B4\u03BF\u03C2"), new BasicTokenizer(true).tokenize("\u039F\u0394\u039F\u03A3"));
    }

    @Test
    void punctuationIsSplitOffCharacterByCharacter() {
        BasicTokenizer t = new BasicTokenizer(false);
        assertEquals(List.of("don", "'", "t", "U", ".", "S", ".", "A", "."), t.tokenize("don't U.S.A."));
        assertEquals(List.of("$", "100", "^", "_", "^", "a", "`", "b", "C", "+", "+"), t.tokenize("$100 ^_^ a`b C++"));
        // Unicode P* categories: quotes, guillemets, inverted marks, dashes, ellipsis
        assertEquals(List.of("\u201C", "q", "\u201D", "\u00AB", "g", "\u00BB", "\u00BF", "x", "?", "\u2014", "d", "\u2013", "\u2026"),
                t.tokenize("\u201Cq\u201D \u00ABg\u00BB \u00BFx? \u2014d\u2013\u2026"));
        // symbols that are not punctuation stay attached: currency (Sc) beyond ASCII, emoji (So), math (Sm)
        assertEquals(List.of("5\u20AC", "a\uD83D\uDE00b", "x\u00B1y"), t.tokenize("5\u20AC a\uD83D\uDE00b x\u00B1y"));
    }

    @Test
    void wordpieceIsGreedyLongestMatchFirst() {
        WordpieceTokenizer t = new WordpieceTokenizer(Vocabulary.of(List.of("[UNK]", "un", "una", "##aff", "##able", "##ffable", "##a")));
        assertEquals(List.of("una", "##ffable"), t.tokenize("unaffable"));
        // the longest prefix wins even where a shorter one would have let the rest match better
        assertEquals(List.of("una", "##a"), t.tokenize("unaa"));
        assertEquals(List.of("[UNK]"), t.tokenize("unable"));
        // a word that cannot be covered becomes one [UNK], not pieces
        assertEquals(List.of("[UNK]"), t.tokenize("unx"));
    }

    @Test
    void wordsLongerThan200CodePointsBecomeUnk() {
        List<String> vocab = List.of("[UNK]", "x", "##x", "\uD840\uDC00", "##\uD840\uDC00");
        WordpieceTokenizer t = new WordpieceTokenizer(Vocabulary.of(vocab));
        assertEquals(200, t.tokenize("x".repeat(200)).size());
        assertEquals(List.of("[UNK]"), t.tokenize("x".repeat(201)));
        // the limit counts code points, not UTF-16 chars: 200 supplementary characters are 400 chars
        assertEquals(200, t.tokenize("\uD840\uDC00".repeat(200)).size());
        assertEquals(List.of("[UNK]"), t.tokenize("\uD840\uDC00".repeat(201)));
        assertEquals(List.of("[UNK]", "[UNK]"), new WordpieceTokenizer(Vocabulary.of(vocab), "[UNK]", 3).tokenize("xxxx xxxx"));
    }

    @Test
    void vocabularyReadsLinesLikeLoadVocab() throws IOException {
        Path f = dir.resolve("v.txt");
        // CRLF and surrounding whitespace are stripped; an empty line takes an id; a duplicate keeps the last id
        Files.writeString(f, "[UNK]\r\n  hello \n\nhello\nlast", StandardCharsets.UTF_8);
        Vocabulary v = Vocabulary.load(f);
        assertEquals(5, v.size());
        assertEquals(0, v.id("[UNK]"));
        assertEquals(3, v.id("hello"));
        assertEquals(2, v.id(""));
        assertEquals(4, v.id("last"));
        Files.write(f, new byte[] {'a', '\n', (byte) 0xC3, '\n'});
        assertThrows(org.stagedml.api.StagedmlException.class, () -> Vocabulary.load(f));
    }
}
