package org.stagedml.api;

import java.util.List;

/**
 * Chooses among the realizations of one derivation (built against the same context), or asks for
 * more to be built. The realizer calls {@link #missing} first; builds that many; then calls
 * {@link #select} on all realizations. Standard matchers: {@link Matchers}.
 */
public interface Matcher {
    /** How many more realizations to build before selecting (0: select now). */
    int missing(List<RealizationInfo> existing);

    /**
     * The chosen realizations, in preference order. Empty means nothing fits, which the realizer
     * reports as an error. May throw a StagedmlException explaining why nothing can be chosen.
     */
    List<RRef> select(List<RealizationInfo> existing);

    /** The spec this matcher is parsed from, e.g. {@code best:accuracy:1:max}. */
    String spec();
}
