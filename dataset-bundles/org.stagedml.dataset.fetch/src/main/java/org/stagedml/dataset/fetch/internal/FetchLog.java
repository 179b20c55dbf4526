package org.stagedml.dataset.fetch.internal;

import java.util.function.Supplier;
import org.osgi.service.log.Logger;

/**
 * The operator's view of fetching, through the OSGi Log Service (Felix Log in the distribution,
 * shown by the shell's log commands and kept under {@code $STAGEDML_HOME/logs/}): downloads
 * started and finished, interruptions and retries, checksum mismatches, insecure fetches. The
 * build's own log gets its lines through the BuildContext as before; this is the platform-wide
 * record. Without a Log Service (plain class-path tests) nothing is logged here, and the Log
 * Service API need not even be on the class path: the logger is held as an Object and cast only
 * when one is there.
 */
final class FetchLog {
    /** Logs nothing. */
    static final FetchLog NONE = new FetchLog(() -> null);

    private final Supplier<Object> logger;

    /** @param logger the component's {@link Logger} while a LoggerFactory is bound, else null */
    FetchLog(Supplier<Object> logger) {
        this.logger = logger;
    }

    /** Routine news; arguments fill {@code {}} placeholders of the Log Service's format. */
    void info(String format, Object... arguments) {
        Object l = logger.get();
        if (l != null) {
            ((Logger) l).info(format, arguments);
        }
    }

    /** Something went wrong that a retry or the user must deal with. */
    void warn(String format, Object... arguments) {
        Object l = logger.get();
        if (l != null) {
            ((Logger) l).warn(format, arguments);
        }
    }
}
