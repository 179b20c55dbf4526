package org.stagedml.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785 (JSON Canonicalization Scheme): the RFC's own examples and Appendix B, plus properties. */
class CanonicalJsonTest {
    static JsonNode parse(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    /** RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void appendixBNumbers(String bits, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertEquals(expected, CanonicalJson.number(d));
        assertEquals(expected, CanonicalJson.write(JsonNodeFactory.instance.numberNode(d)));
        // the same value written as JSON text (as a config file would hold it) gives the same
        assertEquals(expected, CanonicalJson.write(JsonNodeFactory.instance.numberNode(new BigDecimal(d))));
    }

    @Test
    void appendixBNaNAndInfinityAreRefused() {
        for (String bits : new String[] {"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"}) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
            assertThrows(IllegalArgumentException.class, () -> CanonicalJson.number(d));
            assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(JsonNodeFactory.instance.numberNode(d)));
        }
    }

    /** RFC 8785 section 3.2.2 (input), 3.2.3 (output) and 3.2.4 (its UTF-8 bytes). */
    @Test
    void theRfcExample() throws Exception {
        String input = "{\n"
                + "  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
                + "              2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n"
                + "}";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        String canonical = CanonicalJson.write(parse(input));
        assertEquals(expected, canonical);
        String hex = "7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72"
                + " 75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a"
                + " 5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31"
                + " 65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37"
                + " 5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30"
                + " 30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d";
        assertEquals(hex.replace(" ", ""), HexFormat.of().formatHex(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 8785 section 3.2.3: properties sorted by UTF-16 code units, not code points or locale. */
    @Test
    void theRfcSortingExample() throws Exception {
        String input = "{\n"
                + "  \"\\u20ac\": \"Euro Sign\",\n"
                + "  \"\\r\": \"Carriage Return\",\n"
                + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
                + "  \"1\": \"One\",\n"
                + "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
                + "  \"\\u0080\": \"Control\",\n"
                + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
                + "}";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertEquals(expected, CanonicalJson.write(parse(input)));
    }

    @Test
    void keyOrderWhitespaceAndNumberSpellingDoNotMatter() throws Exception {
        String a = CanonicalJson.write(parse("{\"b\": [1, 2.0, 3e0, -0.0], \"a\": {\"y\": 1.50, \"x\": 10E-1}}"));
        String b = CanonicalJson.write(parse("{\"a\":{\"x\":1,\"y\":1.5},\"b\":[1.0,2,0.3e1,0]}"));
        assertEquals("{\"a\":{\"x\":1,\"y\":1.5},\"b\":[1,2,3,0]}", a);
        assertEquals(a, b);
        assertEquals(CanonicalJson.sha256(parse("{\"n\":1}")), CanonicalJson.sha256(parse("{\"n\":1e0}")));
        assertEquals("[]", CanonicalJson.write(parse("[ ]")));
        assertEquals("{}", CanonicalJson.write(parse("{ }")));
        assertEquals("\"\\u0000\\u001f\u007f\\b\\t\\n\\f\\r\"", CanonicalJson.write(parse("\"\\u0000\\u001f\\u007f\\b\\t\\n\\f\\r\"")));
    }

    @Test
    void theHashIsSha256OfTheUtf8CanonicalText() throws Exception {
        // sha256("{\"a\":1}")
        assertEquals("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862",
                CanonicalJson.sha256(parse("{ \"a\" : 1.0 }")));
    }

    @Test
    void integersBeyondTheDoubleRangeOfPrecisionAreWrittenAsDoubles() throws Exception {
        // I-JSON numbers are IEEE doubles: 2^53 + 1 cannot be told from 2^53
        assertEquals("9007199254740992", CanonicalJson.write(parse("9007199254740993")));
        assertEquals("1e+21", CanonicalJson.write(parse("1000000000000000000000")));
        assertEquals("100000000000000000000", CanonicalJson.write(parse("100000000000000000000")));
    }

    /**
     * An independent check of ECMA-262 Number::toString on many doubles: the text reads back as
     * the same double; no decimal with fewer significant digits does; among those with as many
     * digits, it is the nearest; and the layout (plain, fraction, exponent) follows the rules.
     */
    @Test
    void randomAndEdgeDoublesAreShortestRoundTripsInEcmascriptLayout() {
        Random random = new Random(8785);
        for (int i = 0; i < 5_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                checkShortest(d);
            }
        }
        for (int e = -1074; e <= 1023; e++) { // powers of two: the rounding interval is lopsided
            checkShortest(Math.scalb(1.0, e));
            checkShortest(Math.nextUp(Math.scalb(1.0, e)));
            checkShortest(Math.nextDown(Math.scalb(1.0, e)));
        }
        for (long n = 1; n < 1_000_000_000_000L; n = n * 7 + 3) {
            checkShortest(n);
            checkShortest(n / 1000.0);
        }
        // the integers below 2^53 (written as plain digits, without the search) and just beyond
        for (double d : new double[] {0x1p53 - 1, -(0x1p53 - 1), 0x1p53 - 2, 0x1p53 + 2, 4503599627370497.0, -1, 1e15, 1e16}) {
            checkShortest(d);
        }
        assertEquals("9007199254740991", CanonicalJson.number(0x1p53 - 1));
        assertEquals("-12", CanonicalJson.number(-12.0));
    }

    private static void checkShortest(double d) {
        String s = CanonicalJson.number(d);
        assertEquals(d == 0 ? 0.0 : d, Double.parseDouble(s), s);
        if (d == 0) {
            assertEquals("0", s);
            return;
        }
        BigDecimal value = new BigDecimal(s);
        BigDecimal digits = value.stripTrailingZeros();
        int k = digits.precision();
        BigDecimal exact = new BigDecimal(d);
        if (k > 1) {
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal shorter = exact.round(new MathContext(k - 1, mode));
                assertTrue(shorter.doubleValue() != d, "shorter " + shorter + " also reads as " + d + " (got " + s + ")");
            }
        }
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal other = exact.round(new MathContext(k, mode));
            if (other.doubleValue() == d && other.compareTo(digits) != 0) {
                assertTrue(other.subtract(exact).abs().compareTo(digits.subtract(exact).abs()) >= 0,
                        "nearer " + other + " than " + s + " for " + d);
            }
        }
        int n = k - digits.scale(); // value = 0.digits * 10^n
        boolean plain = !s.contains("e");
        assertEquals(n <= 21 && n > -6, plain, "layout of " + s);
        if (!plain) {
            assertTrue(s.matches("-?[1-9](\\.[0-9]*[1-9])?e[+-][1-9][0-9]*"), s);
        } else {
            assertTrue(s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?"), s);
        }
    }

    @Test
    void nonJsonNodesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.write(JsonNodeFactory.instance.binaryNode(new byte[] {1})));
    }
}
