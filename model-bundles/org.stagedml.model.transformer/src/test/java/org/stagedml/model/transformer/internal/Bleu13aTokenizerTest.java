package org.stagedml.model.transformer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 13a tokenizer against the tokens of sacreBLEU's own sequence (rstrip, the replacements of
 * tokenizer_13a.py and the four regular expressions of tokenizer_re.py) run in Python 3's {@code re}.
 */
class Bleu13aTokenizerTest {
    private static void check(String segment, String... expected) {
        assertEquals(List.of(expected), Bleu13aTokenizer.tokenize(Bleu13aTokenizer.stripTrailing(segment)), segment);
    }

    @Test
    void punctuationIsSplitOffAndNumbersStayWhole() {
        check("Hello, world!", "Hello", ",", "world", "!");
        check("It costs $3.50, or 1,000.5 rubles.", "It", "costs", "$", "3.50", ",", "or", "1,000.5", "rubles", ".");
        check("in 2020.", "in", "2020", ".");
        check("a.b,c.1,2.x", "a", ".", "b", ",", "c", ".", "1,2", ".", "x");
        check("...,,", ".", ".", ".", ",", ",");
        check("x.,y", "x", ".", ",", "y");
        check("Привет, мир.", "Привет", ",", "мир", ".");
    }

    @Test
    void aDashIsSplitOnlyAfterADigitAndApostrophesStay() {
        check("e-mail 5-6 pages", "e-mail", "5", "-", "6", "pages");
        check("12.-3", "12", ".", "-3");
        check("don't (x) [y] {z} a|b a~b a^b a_b a`b", "don't", "(", "x", ")", "[", "y", "]", "{", "z", "}",
                "a", "|", "b", "a", "~", "b", "a", "^", "b", "a", "_", "b", "a", "`", "b");
        check("a/b:c;d?e@f=g#h%i*j+k", "a", "/", "b", ":", "c", ";", "d", "?", "e", "@", "f", "=", "g", "#", "h",
                "%", "i", "*", "j", "+", "k");
    }

    @Test
    void entitiesSkippedTagsAndLineBreaksAreHandledFirst() {
        check("&quot;quoted&quot; &amp;lt; a&gt;b", "\"", "quoted", "\"", "<", "a", ">", "b");
        check("<skipped> text", "text");
        check("line-\nbreak and\nnewline ", "linebreak", "and", "newline");
    }

    @Test
    void whitespaceIsPythonsWhitespace() {
        check("no\u00a0break\u2009thin   ", "no", "break", "thin");
        check("trailing space  \t", "trailing", "space");
        check("");
        check(" \u3000 ");
        assertTrue(Bleu13aTokenizer.isPythonWhitespace(0x85));
        assertTrue(Bleu13aTokenizer.isPythonWhitespace(0x1F));
        assertFalse(Bleu13aTokenizer.isPythonWhitespace(0x200B)); // zero width space: not whitespace in Python
    }
}
