package org.stagedml.dataset.subword.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A subtoken list in id order and the encoding it defines (tensor2tensor's SubwordTextEncoder
 * minus the building): text to tokens, tokens to escaped tokens, escaped tokens to the greedy
 * longest-matching subtokens. Ids 0 and 1 ({@code <pad>}, {@code <EOS>}) never match text. The
 * alphabet is the set of single-code-point subtokens; anything else is escaped, so every text is
 * encodable. Immutable and safe for concurrent use.
 */
public final class SubtokenVocab {
    public static final String PAD = "<pad>";
    public static final String EOS = "<EOS>";
    public static final int RESERVED = 2;
    private static final int CACHE_SIZE = 1 << 14;

    private final List<String> subtokens;
    private final Map<String, Integer> ids;
    private final Set<Integer> alphabet;
    private final int maxLength;
    private final SubtokenTrie trie;
    /** Recently encoded tokens (a lossy cache, as the reference keeps). */
    private final AtomicReferenceArray<CachedToken> cache = new AtomicReferenceArray<>(CACHE_SIZE);

    private record CachedToken(String token, int[] ids) {
    }

    /**
     * @throws IllegalArgumentException naming what is wrong when the list cannot encode every text:
     *         ids 0 and 1 are not {@code <pad>} and {@code <EOS>}, a subtoken is empty, repeated or
     *         holds a newline, carriage return or lone surrogate, or an escape character is missing
     */
    public SubtokenVocab(List<String> subtokens) {
        if (subtokens.size() < RESERVED || !PAD.equals(subtokens.get(0)) || !EOS.equals(subtokens.get(1))) {
            throw new IllegalArgumentException("a subword vocabulary starts with '" + PAD + "' (id 0) and '"
                    + EOS + "' (id 1); this one starts with " + subtokens.subList(0, Math.min(2, subtokens.size())));
        }
        this.subtokens = Collections.unmodifiableList(new ArrayList<>(subtokens));
        Map<String, Integer> map = new HashMap<>(subtokens.size() * 2);
        Set<Integer> letters = new HashSet<>();
        int longest = 1;
        for (int id = RESERVED; id < subtokens.size(); id++) {
            String s = subtokens.get(id);
            if (s.isEmpty()) {
                throw new IllegalArgumentException("subtoken " + id + " is empty");
            }
            if (!s.codePoints().allMatch(TokenEscaper::storable)) {
                throw new IllegalArgumentException("subtoken " + id + " " + quote(s)
                        + " holds a newline, carriage return or lone surrogate, which are always escaped");
            }
            Integer before = map.put(s, id);
            if (before != null) {
                throw new IllegalArgumentException("subtoken " + quote(s) + " appears twice, as ids " + before
                        + " and " + id);
            }
            if (s.codePointCount(0, s.length()) == 1) {
                letters.add(s.codePointAt(0));
            }
            longest = Math.max(longest, s.length());
        }
        for (char c : TokenEscaper.ESCAPE_CHARS.toCharArray()) {
            if (!letters.contains((int) c)) {
                throw new IllegalArgumentException("the vocabulary lacks the escape character " + quote(String.valueOf(c))
                        + " as a subtoken of its own, so some texts could not be encoded");
            }
        }
        this.ids = map;
        this.alphabet = Collections.unmodifiableSet(letters);
        this.maxLength = longest;
        this.trie = new SubtokenTrie(this.subtokens, RESERVED);
    }

    public int size() {
        return subtokens.size();
    }

    public List<String> subtokens() {
        return subtokens;
    }

    public Set<Integer> alphabet() {
        return alphabet;
    }

    /** The id of a subtoken string, or -1. */
    public int id(String subtoken) {
        Integer id = ids.get(subtoken);
        return id == null ? -1 : id;
    }

    public int[] encode(String text) {
        List<String> tokens = TextTokens.split(text);
        int[][] parts = new int[tokens.size()][];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = encodeToken(tokens.get(i));
            total += parts[i].length;
        }
        int[] out = new int[total];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private int[] encodeToken(String token) {
        int slot = (token.hashCode() & 0x7fffffff) % CACHE_SIZE;
        CachedToken cached = cache.get(slot);
        if (cached != null && cached.token.equals(token)) {
            return cached.ids;
        }
        int[] out = segmentIds(TokenEscaper.escape(token, alphabet));
        cache.set(slot, new CachedToken(token, out));
        return out;
    }

    /**
     * The greedy segmentation of an escaped token: from the left, always the longest subtoken that
     * matches. A cut inside a surrogate pair never matches (no subtoken holds a lone surrogate).
     */
    public List<String> segment(String escaped) {
        int[] found = segmentIds(escaped);
        List<String> out = new ArrayList<>(found.length);
        for (int id : found) {
            out.add(subtokens.get(id));
        }
        return out;
    }

    private int[] segmentIds(String escaped) {
        int[] out = new int[escaped.length()];
        int n = 0;
        int start = 0;
        while (start < escaped.length()) {
            long match = trie.longest(escaped, start);
            if (match < 0) {
                throw new IllegalStateException("no subtoken matches " + quote(escaped.substring(start))
                        + ": a character outside the alphabet was not escaped (a bug)");
            }
            out[n++] = (int) match;
            start = (int) (match >>> 32);
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The text of subtoken ids: their strings concatenated, split at underscores, unescaped and
     * joined as the tokenizer joins. Ids 0 and 1 are skipped.
     *
     * @throws IllegalArgumentException for an id outside 0..size()-1
     */
    public String decode(int[] idList) {
        StringBuilder concatenated = new StringBuilder();
        for (int id : idList) {
            if (id < 0 || id >= subtokens.size()) {
                throw new IllegalArgumentException("subtoken id " + id + " is outside the vocabulary (0.."
                        + (subtokens.size() - 1) + ")");
            }
            if (id >= RESERVED) {
                concatenated.append(subtokens.get(id));
            }
        }
        List<String> tokens = new ArrayList<>();
        for (String piece : concatenated.toString().split("_", -1)) {
            if (!piece.isEmpty()) {
                String token = TokenEscaper.unescape(piece);
                if (!token.isEmpty()) {
                    tokens.add(token);
                }
            }
        }
        return TextTokens.join(tokens);
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("'");
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('\'').toString();
    }

    @Override
    public String toString() {
        return "SubtokenVocab" + Arrays.asList(size(), maxLength);
    }
}
