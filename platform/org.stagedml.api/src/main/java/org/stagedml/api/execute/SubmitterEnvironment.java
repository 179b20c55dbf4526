package org.stagedml.api.execute;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The environment of the person submitting a realize: where a cluster executor finds its commands
 * (PATH), its cluster's configuration ({@code SLURM_CONF} ...) and what it hands the jobs. In a
 * plain process that is the process's own; when a StagedML server runs the command for a client,
 * it is the client's, which the client sends along (session variable {@value #SESSION_VARIABLE}) and
 * the shell sets around the realize, on the thread that submits it, so that the realizer can hand
 * it to the executor it chooses ({@link BuildExecutor#forSubmitter}).
 */
public final class SubmitterEnvironment {
    /** The Gogo session variable the client's environment arrives in, as {@link #decode} reads it. */
    public static final String SESSION_VARIABLE = "stagedml.client.environment";
    private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();

    private SubmitterEnvironment() {
    }

    /** The environment set on this thread by {@link #with}; else this process's. */
    public static Map<String, String> current() {
        Map<String, String> env = CURRENT.get();
        return env != null ? env : System.getenv();
    }

    /** Runs {@code what} on this thread with {@code env} (null: this process's) as the submitter's environment. */
    public static <T> T with(Map<String, String> env, Supplier<T> what) {
        Map<String, String> before = CURRENT.get();
        CURRENT.set(env == null ? null : Map.copyOf(env));
        try {
            return what.get();
        } finally {
            CURRENT.set(before);
        }
    }

    /**
     * The environment as the client sends it: {@code NAME=value} entries, each ended by a NUL
     * character (which no environment variable can hold); null for anything else.
     */
    public static Map<String, String> decode(Object encoded) {
        if (!(encoded instanceof String s) || s.isEmpty()) {
            return null;
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : s.split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }
}
