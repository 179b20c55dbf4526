package org.stagedml.shell.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.StagedmlException;

/** Parses the free words of a command line: {@code key=value} overrides, and catches mistyped options. */
final class Args {
    private Args() {
    }

    /**
     * The {@code key=value} words as an ordered map (the value may itself contain '='). A word
     * that is not key=value, or that looks like an option Gogo did not bind, is an error.
     *
     * @param options the command's options, named in the error for an unknown one
     */
    static Map<String, String> overrides(String[] words, String options) {
        Map<String, String> map = new LinkedHashMap<>();
        if (words == null) {
            return map;
        }
        for (String w : words) {
            if (w.startsWith("-")) {
                throw new StagedmlException("unknown option '" + w + "'" + (options.isEmpty() ? "" : "; the options are " + options));
            }
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new StagedmlException("'" + w + "' is not a key=value override (for example depth=3 or glue.task=MRPC)");
            }
            String key = w.substring(0, eq).trim();
            if (map.put(key, w.substring(eq + 1)) != null) {
                throw new StagedmlException("override '" + key + "' is given twice");
            }
        }
        return map;
    }

    /** Rejects words left over after Gogo bound the options: a mistyped option or an extra argument. */
    static void noExtra(List<String> words, String options) {
        for (String w : words) {
            if (w.startsWith("-")) {
                throw new StagedmlException("unknown option '" + w + "'" + (options.isEmpty() ? "" : "; the options are " + options));
            }
            throw new StagedmlException("unexpected argument '" + w + "'");
        }
    }
}
