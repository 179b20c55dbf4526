package org.stagedml.realizer.internal;

/**
 * Where the realizer logs: in a framework the OSGi Log Service (see {@link RealizerComponent}),
 * outside one {@link System.Logger}. Kept this small so that the plain classes need no OSGi type.
 */
interface RealizerLog {
    /** Routine news (jobs starting and ending, stages coming and going). */
    void info(String message);

    /** Something went wrong that the realizer works around. */
    void warn(String message, Throwable cause);

    /** Something failed (a build, a stage service that cannot be used). */
    void error(String message, Throwable cause);

    /**
     * A log through {@link System.Logger}. Outside a framework the realizer is a library, so its
     * routine news is debug-level there: it must not chat on the host's console.
     */
    static RealizerLog system(String name) {
        System.Logger log = System.getLogger(name);
        return new RealizerLog() {
            @Override
            public void info(String message) {
                log.log(System.Logger.Level.DEBUG, message);
            }

            @Override
            public void warn(String message, Throwable cause) {
                log.log(System.Logger.Level.WARNING, message, cause);
            }

            @Override
            public void error(String message, Throwable cause) {
                log.log(System.Logger.Level.ERROR, message, cause);
            }
        };
    }
}
