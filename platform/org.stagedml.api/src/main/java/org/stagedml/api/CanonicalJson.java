package org.stagedml.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 8785, the JSON Canonicalization Scheme: object keys sorted by their UTF-16 code units, no
 * white space, strings escaped minimally, numbers written as ECMAScript writes an IEEE double.
 * So {@code 1}, {@code 1.0} and {@code 1e0} all become {@code 1}.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /** The canonical text of a JSON value. Throws IllegalArgumentException for NaN or infinities. */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    /** Hex sha256 over the UTF-8 bytes of the canonical text. */
    public static String sha256(JsonNode node) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(write(node).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null); // String.compareTo orders by UTF-16 code units, as the RFC asks
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString(keys.get(i), out);
                out.append(':');
                write(node.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> it = node.elements();
            boolean first = true;
            while (it.hasNext()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(it.next(), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            writeString(node.textValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNumber()) {
            out.append(number(node.doubleValue()));
        } else {
            throw new IllegalArgumentException("no canonical JSON form for a " + node.getNodeType() + " node");
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** ECMAScript's Number.prototype.toString for a double (ECMA-262, 7.1.12.1). */
    public static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON has no canonical form for " + d);
        }
        if (d == 0) {
            return "0"; // also -0
        }
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            // an integer below 2^53: every such integer is a double of its own, so all its digits are the
            // shortest form (the common case, kept off the BigDecimal search below)
            return Long.toString((long) d);
        }
        String sign = d < 0 ? "-" : "";
        BigDecimal exact = new BigDecimal(Math.abs(d));
        // the shortest decimal that reads back as the same double; the exact value rounded to
        // p digits is the nearest p-digit decimal, so the first p that round-trips is right,
        // except at a power of two: its rounding interval is lopsided (half as wide below), so
        // the p-digit neighbour on the far side may read back when the nearest does not
        boolean powerOfTwo = (Double.doubleToRawLongBits(d) & 0x000fffffffffffffL) == 0;
        BigDecimal shortest = null;
        for (int p = 1; p <= 17 && shortest == null; p++) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == Math.abs(d)) {
                shortest = candidate;
            } else if (powerOfTwo) {
                BigDecimal above = exact.round(new MathContext(p, RoundingMode.CEILING));
                if (above.doubleValue() == Math.abs(d)) {
                    shortest = above;
                }
            }
        }
        if (shortest == null) {
            shortest = exact.round(MathContext.DECIMAL64);
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits * 10^n
        StringBuilder s = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            s.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            s.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            s.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            s.append(digits.charAt(0));
            if (k > 1) {
                s.append('.').append(digits, 1, k);
            }
            s.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return s.toString();
    }
}
