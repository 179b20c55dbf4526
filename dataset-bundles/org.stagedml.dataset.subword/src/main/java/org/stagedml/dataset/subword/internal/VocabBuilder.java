package org.stagedml.dataset.subword.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * tensor2tensor's SubwordTextEncoder.build_from_token_counts and build_to_target_size: starting
 * from the alphabet, each iteration segments every token with the current vocabulary, counts every
 * substring that starts at a segment boundary, keeps those counted at least min_count times (longest
 * first, discounting their prefixes) and sorts them by count; a binary search over min_count finds
 * the vocabulary whose size is nearest the target. Reserved tokens follow {@code <pad>} and
 * {@code <EOS>} in their escaped form (the token followed by {@code _}), so each of them, wherever the
 * tokenizer yields it as a token, is one id. Every order is fixed (ties by string), so the same
 * counts and settings give the same vocabulary.
 */
public final class VocabBuilder {
    /** The reference's bounds of the min_count search (build_from_generator: 1 and 1e3). */
    public static final int MIN_COUNT_LOW = 1;
    public static final int MIN_COUNT_HIGH = 1000;
    public static final int ITERATIONS = 4;

    private final Map<String, Long> tokenCounts;
    private final List<String> reservedForms;
    private final Set<Integer> alphabet;
    private final int iterations;
    private final int maxSubtokenLength;
    /** The candidates counted last time: sizes the next count map. */
    private int lastCandidates;
    private Listener listener = (minCount, iteration, size) -> { };

    /** Told after each iteration; may throw to stop the build (e.g. when it is cancelled). */
    @FunctionalInterface
    public interface Listener {
        void iterated(int minCount, int iteration, int size);
    }

    /**
     * @param reserved tokens to reserve ids 2.. for, each a single tokenizer token
     * @param maxSubtokenLength the longest candidate subtoken in chars, 0 for no bound (the
     *        reference's default; building is then quadratic in the longest token)
     * @throws IllegalArgumentException naming the reserved token that is empty, repeated, not one
     *         tokenizer token, or holds a newline, carriage return or lone surrogate
     */
    public VocabBuilder(Map<String, Long> tokenCounts, List<String> reserved, int iterations, int maxSubtokenLength) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, not " + iterations);
        }
        if (maxSubtokenLength < 0) {
            throw new IllegalArgumentException("max_subtoken_length must be 0 (no bound) or positive, not "
                    + maxSubtokenLength);
        }
        this.tokenCounts = tokenCounts;
        this.iterations = iterations;
        this.maxSubtokenLength = maxSubtokenLength;
        Set<Integer> letters = new HashSet<>();
        for (String token : tokenCounts.keySet()) {
            token.codePoints().filter(TokenEscaper::storable).forEach(letters::add);
        }
        Set<String> seen = new HashSet<>();
        for (String token : reserved) {
            checkReserved(token);
            if (!seen.add(token)) {
                throw new IllegalArgumentException("reserved token " + SubtokenVocab.quote(token) + " is listed twice");
            }
            token.codePoints().forEach(letters::add);
        }
        TokenEscaper.ESCAPE_CHARS.chars().forEach(letters::add);
        this.alphabet = letters;
        List<String> forms = new ArrayList<>();
        for (String token : reserved) {
            forms.add(TokenEscaper.escape(token, letters));
        }
        this.reservedForms = forms;
    }

    public VocabBuilder listener(Listener l) {
        this.listener = l;
        return this;
    }

    /** @throws IllegalArgumentException saying why a token cannot be reserved */
    public static void checkReserved(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("a reserved token is empty");
        }
        if (!token.codePoints().allMatch(TokenEscaper::storable)) {
            throw new IllegalArgumentException("reserved token " + SubtokenVocab.quote(token)
                    + " holds a newline, carriage return or lone surrogate");
        }
        List<String> parts = TextTokens.split(token);
        if (parts.size() != 1) {
            throw new IllegalArgumentException("reserved token " + SubtokenVocab.quote(token)
                    + " is not one token: the tokenizer cuts it into " + parts.stream().map(SubtokenVocab::quote).toList()
                    + "; reserve a run of letters and digits, or a run of other characters, e.g. "
                    + SubtokenVocab.quote(parts.get(parts.size() - 1)));
        }
    }

    /** A vocabulary and the min_count it was built with. */
    public record Result(SubtokenVocab vocab, int minCount) {
    }

    /** The reference's build_to_target_size over min_count in [low, high]. */
    public Result buildToTargetSize(int targetSize, int low, int high) {
        if (targetSize < 1) {
            throw new IllegalArgumentException("the target vocabulary size must be positive, not " + targetSize);
        }
        if (low < 1 || low > high) {
            throw new IllegalArgumentException("the min_count search range [" + low + ", " + high
                    + "] is empty or below 1");
        }
        return bisect(targetSize, low, high);
    }

    private Result bisect(int target, int low, int high) {
        int present = (low + high) / 2;
        Result result = new Result(build(present), present);
        SubtokenVocab vocab = result.vocab();
        // Within 1% of the target is close enough, as in the reference.
        boolean ok = Math.abs((long) vocab.size() - target) * 100 < target;
        if (ok || low >= high || present < 2) {
            return result;
        }
        Result other = vocab.size() > target ? bisect(target, present + 1, high) : bisect(target, low, present - 1);
        return Math.abs(other.vocab().size() - target) < Math.abs(vocab.size() - target) ? other : result;
    }

    /** The reference's build_from_token_counts with one min_count. */
    public SubtokenVocab build(int minCount) {
        int threshold = Math.max(1, minCount);
        List<Integer> letters = new ArrayList<>(alphabet);
        letters.sort(Comparator.naturalOrder());
        List<String> initial = new ArrayList<>();
        for (int cp : letters) {
            initial.add(new String(Character.toChars(cp)));
        }
        SubtokenVocab vocab = vocabulary(initial);
        List<String> tokens = new ArrayList<>(tokenCounts.keySet());
        tokens.sort(Comparator.naturalOrder());
        for (int i = 0; i < iterations; i++) {
            vocab = vocabulary(iterate(vocab, tokens, threshold));
            listener.iterated(threshold, i + 1, vocab.size());
        }
        return vocab;
    }

    private List<String> iterate(SubtokenVocab vocab, List<String> tokens, int threshold) {
        Map<String, Long> counts = new HashMap<>(Math.max(16, lastCandidates * 2));
        for (String token : tokens) {
            long count = tokenCounts.get(token);
            String escaped = TokenEscaper.escape(token, alphabet);
            int start = 0;
            for (String piece : vocab.segment(escaped)) {
                int last = escaped.length();
                if (maxSubtokenLength > 0) {
                    last = Math.min(last, start + maxSubtokenLength);
                }
                for (int end = start + 1; end <= last; end++) {
                    // Never cut a surrogate pair: a candidate is whole code points.
                    if (end < escaped.length() && Character.isLowSurrogate(escaped.charAt(end))
                            && Character.isHighSurrogate(escaped.charAt(end - 1))) {
                        continue;
                    }
                    counts.merge(escaped.substring(start, end), count, Long::sum);
                }
                start += piece.length();
            }
        }
        lastCandidates = counts.size();
        // Longest first, so that a kept subtoken discounts its prefixes.
        Map<Integer, TreeSet<String>> byLength = new HashMap<>();
        int longest = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() >= threshold) {
                int length = e.getKey().length();
                byLength.computeIfAbsent(length, k -> new TreeSet<>()).add(e.getKey());
                longest = Math.max(longest, length);
            }
        }
        List<Candidate> kept = new ArrayList<>();
        for (int length = longest; length >= 1; length--) {
            TreeSet<String> strings = byLength.get(length);
            if (strings == null) {
                continue;
            }
            for (String s : strings) {
                long count = counts.get(s);
                if (count >= threshold) {
                    if (!isLetter(s)) {
                        kept.add(new Candidate(count, s));
                    }
                    for (int l = 1; l < length; l++) {
                        String prefix = s.substring(0, l);
                        Long c = counts.get(prefix);
                        if (c != null) {
                            counts.put(prefix, c - count);
                        }
                    }
                }
            }
        }
        // The whole alphabet, whatever its counts, so that every text stays encodable.
        for (int cp : alphabet) {
            String letter = new String(Character.toChars(cp));
            kept.add(new Candidate(counts.getOrDefault(letter, 0L), letter));
        }
        kept.sort(Comparator.comparingLong(Candidate::count).reversed().thenComparing(Candidate::subtoken,
                Comparator.reverseOrder()));
        List<String> out = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            out.add(c.subtoken);
        }
        return out;
    }

    private record Candidate(long count, String subtoken) {
    }

    private boolean isLetter(String s) {
        return s.codePointCount(0, s.length()) == 1 && alphabet.contains(s.codePointAt(0));
    }

    /** {@code <pad>}, {@code <EOS>}, the reserved forms, then the learned subtokens not already there. */
    private SubtokenVocab vocabulary(List<String> learned) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.add(SubtokenVocab.PAD);
        all.add(SubtokenVocab.EOS);
        all.addAll(reservedForms);
        all.addAll(learned);
        return new SubtokenVocab(new ArrayList<>(all));
    }
}
