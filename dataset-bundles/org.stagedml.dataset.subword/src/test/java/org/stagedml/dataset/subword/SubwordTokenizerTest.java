package org.stagedml.dataset.subword;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubwordTokenizerTest {
    static SubwordTokenizer tokenizer;

    @BeforeAll
    static void build() {
        tokenizer = SubwordTokenizer.build(RandomText.corpus(new Random(7), 1000), 400, List.of("find", "xargs", "|"));
    }

    @Test
    void decodeInvertsEncodeOnRandomUnicode() {
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            String s = RandomText.anyString(random, 1 + random.nextInt(60));
            int[] ids = tokenizer.encode(s);
            for (int id : ids) {
                assertTrue(id >= 2 && id < tokenizer.size(), () -> "id " + id + " of " + RandomText.show(s));
            }
            assertEquals(s, tokenizer.decode(ids), () -> "round trip of " + RandomText.show(s));
        }
    }

    @Test
    void decodeInvertsEncodeOnEdgeCases() {
        for (String s : List.of("", " ", "  ", "a", " a", "a ", "a b", "a  b", "_", "__", "\\", "\\u", "\\\\u;",
                "\\123;", "\n", "\r\n", "\t a\t", "a_b", "x\uD83D\uDE00y", "\uD800", "\uDC00", "\uDC00\uD800",
                "a\uD800b", "<pad>", "<EOS>", "'", "''", "find . -name '*.txt' | xargs rm", "Привет, мир!", "中文字符",
                "\u0000", "\uFFFF", "\uD83D\uDE00\uD83D\uDE00 \uD83D\uDE00")) {
            assertEquals(s, tokenizer.decode(tokenizer.encode(s)), () -> "round trip of " + RandomText.show(s));
        }
        assertArrayEquals(new int[0], tokenizer.encode(""));
    }

    @Test
    void reservedTokensAreSingleIdsAfterPadAndEos() {
        assertEquals("<pad>", tokenizer.subtoken(SubwordTokenizer.PAD_ID));
        assertEquals("<EOS>", tokenizer.subtoken(SubwordTokenizer.EOS_ID));
        assertArrayEquals(new int[] {2}, tokenizer.encode("find"));
        assertArrayEquals(new int[] {3}, tokenizer.encode("xargs"));
        assertArrayEquals(new int[] {4}, tokenizer.encode("|"));
        int[] ids = tokenizer.encode("find x|xargs");
        assertEquals(2, ids[0]);
    }

    @Test
    void saveAndLoadGiveTheSameTokenizer(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocab.subwords");
        tokenizer.save(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(tokenizer.size(), lines.size());
        assertEquals("'<pad>'", lines.get(0));
        assertEquals("'<EOS>'", lines.get(1));
        SubwordTokenizer loaded = SubwordTokenizer.load(file);
        assertEquals(tokenizer.size(), loaded.size());
        Random random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            String s = RandomText.anyString(random, 1 + random.nextInt(40));
            assertArrayEquals(tokenizer.encode(s), loaded.encode(s));
            assertEquals(s, loaded.decode(loaded.encode(s)));
        }
        Path again = dir.resolve("again.subwords");
        loaded.save(again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void buildIsDeterministic(@TempDir Path dir) throws IOException {
        SubwordTokenizer other = SubwordTokenizer.build(RandomText.corpus(new Random(7), 1000), 400,
                List.of("find", "xargs", "|"));
        tokenizer.save(dir.resolve("a"));
        other.save(dir.resolve("b"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a")), Files.readAllBytes(dir.resolve("b")));
    }

    @Test
    void badInputIsRejectedClearly(@TempDir Path dir) throws IOException {
        IllegalArgumentException spans = assertThrows(IllegalArgumentException.class,
                () -> SubwordTokenizer.build(List.of("ls -la"), 100, List.of("-la")));
        assertTrue(spans.getMessage().contains("'-la' is not one token"), spans.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SubwordTokenizer.build(List.of("a"), 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> SubwordTokenizer.build(List.of("a"), 10, List.of("x", "x")));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {tokenizer.size()}));
        IOException missing = assertThrows(IOException.class, () -> SubwordTokenizer.load(dir.resolve("none")));
        assertTrue(missing.getMessage().contains("no subword vocabulary"), missing.getMessage());
        Path bad = dir.resolve("bad.subwords");
        Files.writeString(bad, "'a'\n'b'\n");
        IOException wrong = assertThrows(IOException.class, () -> SubwordTokenizer.load(bad));
        assertTrue(wrong.getMessage().contains("<pad>"), wrong.getMessage());
    }

    @Test
    void sizeLandsNearTheTarget() {
        List<String> corpus = RandomText.words(new Random(11), 3000);
        for (int target : new int[] {250, 700}) {
            SubwordTokenizer built = SubwordTokenizer.build(corpus, target, List.of());
            assertTrue(Math.abs(built.size() - target) <= target * 0.05,
                    "size " + built.size() + " for target " + target);
        }
    }

    @Test
    void commonWordsBecomeSingleSubtokens() {
        SubwordTokenizer built = SubwordTokenizer.build(RandomText.words(new Random(11), 2000), 300, List.of());
        List<Integer> ids = new ArrayList<>();
        for (int id : built.encode("the")) {
            ids.add(id);
        }
        assertEquals(1, ids.size(), "'the' as " + ids);
    }
}
