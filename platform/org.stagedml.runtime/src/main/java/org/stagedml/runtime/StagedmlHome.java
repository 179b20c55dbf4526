package org.stagedml.runtime;

import java.nio.file.Path;
import java.util.Map;

/** Where the store lives: {@code $STAGEDML_HOME}, else {@code ~/.stagedml}. */
public final class StagedmlHome {
    /** The system property the store bundle reads (set by the runtime from the chosen home). */
    public static final String PROPERTY = "stagedml.home";
    public static final String ENV = "STAGEDML_HOME";
    /**
     * The framework property naming the folders the runtime keeps in the home beside the store
     * (comma-separated), so that the store, which shares the folder, knows them without spelling them.
     */
    public static final String ENTRIES_PROPERTY = "stagedml.home.entries";
    /**
     * Those folders: hot-deployed bundles, Config Admin's configurations, the embedded runtime's bundle
     * caches, the home's StagedML server (socket, log), and {@code input}, where a user may keep the
     * files of their own datasets.
     */
    public static final java.util.List<String> ENTRIES = java.util.List.of("bundles", "config", "cache", "server", "input");

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
