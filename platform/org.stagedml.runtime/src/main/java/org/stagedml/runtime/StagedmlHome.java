package org.stagedml.runtime;

import java.nio.file.Path;
import java.util.Map;

/** Where the store lives: {@code $STAGEDML_HOME}, else {@code ~/.stagedml}. */
public final class StagedmlHome {
    /** The system property the store bundle reads (set by the runtime from the chosen home). */
    public static final String PROPERTY = "stagedml.home";
    public static final String ENV = "STAGEDML_HOME";

    private StagedmlHome() {
    }

    public static Path resolve(Map<String, String> env) {
        String home = env.get(ENV);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".stagedml");
    }
}
