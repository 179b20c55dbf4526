package org.stagedml.dataset.subword.internal;

import java.util.HashMap;
import java.util.Map;

/** How often each tokenizer token occurs in a text collection (the reference's token_counts). */
public final class TokenCounts {
    private final Map<String, Long> counts = new HashMap<>();

    public TokenCounts add(String text) {
        for (String token : TextTokens.split(text)) {
            counts.merge(token, 1L, Long::sum);
        }
        return this;
    }

    public TokenCounts addAll(Iterable<String> texts) {
        for (String text : texts) {
            add(text);
        }
        return this;
    }

    public Map<String, Long> asMap() {
        return counts;
    }

    public int distinct() {
        return counts.size();
    }
}
