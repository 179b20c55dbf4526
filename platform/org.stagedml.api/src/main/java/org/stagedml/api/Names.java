package org.stagedml.api;

import java.util.regex.Pattern;

/** The rules for stage names and hashes inside references. */
public final class Names {
    /** A stage name: letters, digits, '_', '.', '-'; starts with a letter or digit. */
    public static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    /** 32 lower-case hex digits: the first 128 bits of a sha256. */
    public static final Pattern HASH32 = Pattern.compile("[0-9a-f]{32}");

    private Names() {
    }

    public static String checkStageName(String name) {
        if (name == null || !STAGE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid stage name '" + name
                    + "': use letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
        return name;
    }

    static String checkHash(String hash, String what, String ref) {
        if (hash == null || !HASH32.matcher(hash).matches()) {
            throw new IllegalArgumentException("invalid " + what + " in '" + ref
                    + "': expected 32 lower-case hex digits");
        }
        return hash;
    }
}
