package org.stagedml.dataset.subword.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code bash} preset of reserved tokens, as the original StagedML collected them from NL2Bash's
 * training commands (collect_bash_specific_tokens): command names (the first word of a command line,
 * and the first word after {@code |}, {@code ;}, {@code &} or an opening {@code (} or backquote) and
 * flag names (the word after a {@code -} or {@code --} that starts a shell word, e.g. {@code name} of
 * {@code -name}: the tokenizer keeps the dashes apart). Ordered by count, most frequent first, then by
 * string, so the same commands give the same list.
 */
public final class BashReservedTokens {
    private final Map<String, Long> counts = new HashMap<>();

    /** Adds the command and flag names of one shell command line. */
    public BashReservedTokens add(String command) {
        List<String> tokens = TextTokens.split(command.strip());
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!TextTokens.isAlphanumeric(token.codePointAt(0))) {
                continue;
            }
            if (i == 0 || startsCommand(tokens.get(i - 1)) || isFlagDash(tokens.get(i - 1), i == 1)) {
                counts.merge(token, 1L, Long::sum);
            }
        }
        return this;
    }

    private static boolean startsCommand(String previous) {
        String p = previous.stripTrailing();
        return !p.isEmpty() && "|;&(`".indexOf(p.charAt(p.length() - 1)) >= 0;
    }

    /** Ends in one or two dashes that start a shell word (after whitespace, or at the line's start). */
    private static boolean isFlagDash(String previous, boolean atStart) {
        int dashes = 0;
        while (dashes < previous.length() && previous.charAt(previous.length() - 1 - dashes) == '-') {
            dashes++;
        }
        int before = previous.length() - dashes;
        return (dashes == 1 || dashes == 2)
                && (before == 0 ? atStart : Character.isWhitespace(previous.charAt(before - 1)));
    }

    /** The names, most frequent first (ties by string). */
    public List<String> tokens() {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())));
        List<String> out = new ArrayList<>(entries.size());
        for (Map.Entry<String, Long> e : entries) {
            out.add(e.getKey());
        }
        return out;
    }
}
