package org.stagedml.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

class LogFileTest {
    @TempDir
    Path dir;

    /** A log entry as Felix Log hands it out (no bundle: the fields the file uses). */
    private record Entry(String loggerName, LogLevel level, String message, Throwable exception, long sequence)
            implements LogEntry {
        public Bundle getBundle() {
            return null;
        }

        public ServiceReference<?> getServiceReference() {
            return null;
        }

        @SuppressWarnings("deprecation")
        public int getLevel() {
            return level.ordinal();
        }

        public String getMessage() {
            return message;
        }

        public Throwable getException() {
            return exception;
        }

        public long getTime() {
            return 0;
        }

        public LogLevel getLogLevel() {
            return level;
        }

        public String getLoggerName() {
            return loggerName;
        }

        public long getSequence() {
            return sequence;
        }

        public String getThreadInfo() {
            return "main";
        }

        public StackTraceElement getLocation() {
            return null;
        }
    }

    @Test
    void infoAndWorseGoInFrameworkEventsOnlyWhenTheyWarn() {
        assertTrue(LogFile.keep(new Entry("org.stagedml.store", LogLevel.INFO, "committed", null, 1)));
        assertTrue(LogFile.keep(new Entry("org.stagedml.store", LogLevel.ERROR, "failed", null, 1)));
        assertFalse(LogFile.keep(new Entry("org.stagedml.store", LogLevel.DEBUG, "detail", null, 1)));
        assertFalse(LogFile.keep(new Entry("Events.Service.org.stagedml.store", LogLevel.INFO, "ServiceEvent REGISTERED", null, 1)));
        assertFalse(LogFile.keep(new Entry("Events.Bundle.org.stagedml.store", LogLevel.INFO, "BundleEvent STARTED", null, 1)));
        assertTrue(LogFile.keep(new Entry("Events.Framework.org.apache.felix.framework", LogLevel.ERROR, "FrameworkEvent ERROR", null, 1)));
    }

    @Test
    void oneLineAnEntryWithItsProcessThenTheStackTrace() {
        String line = LogFile.format(new Entry("org.stagedml.realizer.Job", LogLevel.WARN, "slow build", null, 1));
        assertEquals("1970-01-01 00:00:00.000Z WARN  [" + ProcessHandle.current().pid()
                + "] - org.stagedml.realizer.Job: slow build\n", line);
        String failed = LogFile.format(new Entry("x", LogLevel.ERROR, "boom", new IllegalStateException("why"), 2));
        assertTrue(failed.contains("x: boom\njava.lang.IllegalStateException: why\n\tat "), failed);
    }

    @Test
    void appendsAndRotatesPastTheLimit() throws Exception {
        LogFile file = new LogFile(dir.resolve("logs"), 100);
        file.append("a".repeat(60) + "\n");
        file.append("b".repeat(60) + "\n");
        assertEquals(2, Files.readAllLines(file.file()).size(), "appended under the limit");
        file.append("c\n");
        assertEquals(List.of("c"), Files.readAllLines(file.file()));
        assertEquals(2, Files.readAllLines(dir.resolve("logs/stagedml.log.1")).size(), "the full file was kept once");
    }
}
