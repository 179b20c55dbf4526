package org.stagedml.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stagedml.api.StagedmlException;

/**
 * Takes the repeatable options {@code --break <stage>} and {@code --break-before <stage>} out of
 * the words of {@code stage:realize} (Gogo binds an option once, so these are read here, wherever
 * they stand); what is left is the stage name and its overrides.
 */
record BreakWords(String stage, String[] overrides, Set<String> breakAfter, Set<String> breakBefore) {
    static final String BREAK = "--break";
    static final String BREAK_BEFORE = "--break-before";

    static BreakWords parse(String name, String[] overrides) {
        List<String> words = new ArrayList<>();
        words.add(name);
        words.addAll(List.of(overrides == null ? new String[0] : overrides));
        Set<String> after = new LinkedHashSet<>();
        Set<String> before = new LinkedHashSet<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals(BREAK) || w.equals(BREAK_BEFORE)) {
                if (i + 1 >= words.size() || words.get(i + 1).startsWith("-")) {
                    throw new StagedmlException(w + " needs a stage name (" + w + " <stage>; repeat it for several)");
                }
                (w.equals(BREAK) ? after : before).add(words.get(++i));
            } else {
                rest.add(w);
            }
        }
        if (rest.isEmpty()) {
            throw new StagedmlException("give a stage name; see stage:list");
        }
        return new BreakWords(rest.get(0), rest.subList(1, rest.size()).toArray(new String[0]), after, before);
    }
}
