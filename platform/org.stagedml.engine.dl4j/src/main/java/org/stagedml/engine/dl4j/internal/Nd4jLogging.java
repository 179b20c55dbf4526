package org.stagedml.engine.dl4j.internal;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * ND4J and DL4J log through slf4j, which this bundle binds to java.util.logging. At INFO they print
 * a page at start-up; unless logging is configured for them, only warnings and errors show.
 */
final class Nd4jLogging {
    /** Held strongly: java.util.logging forgets a logger's level once nothing references it. */
    private static final List<Logger> LOGGERS = List.of(
            Logger.getLogger("org.nd4j"), Logger.getLogger("org.deeplearning4j"));

    private Nd4jLogging() {}

    static void quietUnlessConfigured() {
        for (Logger logger : LOGGERS) {
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
        }
    }
}
