package org.stagedml.shell.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

/**
 * The log file {@code $STAGEDML_HOME/logs/stagedml.log}: which entries of the OSGi log go there
 * (INFO and worse; the framework's own bundle and service events only when WARN or worse), one
 * line each with the process id (several processes share the file), and rotation to
 * {@code stagedml.log.1} past a size. Each entry is one appending write, so lines of concurrent
 * processes do not interleave.
 */
final class LogFile {
    static final String NAME = "stagedml.log";
    /** Past this size the file is renamed to stagedml.log.1 (replacing the older one) and begun anew. */
    static final long ROTATE_BYTES = 8L << 20;
    /** Loggers under which Felix Log reports framework, bundle and service events ({@code Events.Service.<bsn>}). */
    private static final Set<String> EVENT_LOGGERS = Set.of("Events.Framework", "Events.Bundle", "Events.Service");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final long PID = ProcessHandle.current().pid();
    private final Path file;
    private final long rotateBytes;

    LogFile(Path folder, long rotateBytes) {
        this.file = folder.resolve(NAME);
        this.rotateBytes = rotateBytes;
    }

    Path file() {
        return file;
    }

    /** Whether the entry belongs in the file. */
    static boolean keep(LogEntry e) {
        LogLevel level = e.getLogLevel();
        if (EVENT_LOGGERS.stream().anyMatch(e.getLoggerName()::startsWith)) {
            return LogLevel.WARN.implies(level);
        }
        return LogLevel.INFO.implies(level);
    }

    /** The entry as it is written: one line, then the stack trace of its exception if any. */
    static String format(LogEntry e) {
        StringBuilder sb = new StringBuilder();
        sb.append(TIME.format(Instant.ofEpochMilli(e.getTime()))).append("Z ")
                .append(String.format("%-5s", e.getLogLevel())).append(" [").append(PID).append("] ")
                .append(e.getBundle() == null ? "-" : e.getBundle().getSymbolicName()).append(' ')
                .append(e.getLoggerName()).append(": ").append(e.getMessage()).append('\n');
        if (e.getException() != null) {
            StringWriter trace = new StringWriter();
            e.getException().printStackTrace(new PrintWriter(trace));
            sb.append(trace);
        }
        return sb.toString();
    }

    /** Appends the text, rotating first when the file has grown past the limit. */
    synchronized void append(String text) throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.isRegularFile(file) && Files.size(file) > rotateBytes) {
            Files.move(file, file.resolveSibling(NAME + ".1"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }
}
