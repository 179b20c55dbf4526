package org.stagedml.shell.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.stagedml.api.store.Store;

/**
 * Writes the OSGi log (what the bundles log through the LoggerFactory) to
 * {@code logs/stagedml.log} in the store's folder for logs, so that what a one-shot command logged
 * is still there after its process ended ({@code log} in the shell shows this process's entries).
 */
@Component(immediate = true, service = {})
public class LogFileWriter implements LogListener {
    private final LogReaderService reader;
    private final LogFile file;
    /** The sequence number of the last entry written: the backlog and the listener may both see one. */
    private long last = -1;

    @Activate
    public LogFileWriter(@Reference LogReaderService reader, @Reference Store store) throws IOException {
        this.reader = reader;
        this.file = new LogFile(store.userFolder("logs"), LogFile.ROTATE_BYTES);
        synchronized (this) {
            reader.addLogListener(this);
            // what was logged before this component started, oldest first (getLog is newest first)
            List<LogEntry> backlog = new ArrayList<>();
            for (Enumeration<LogEntry> e = reader.getLog(); e.hasMoreElements();) {
                backlog.add(e.nextElement());
            }
            Collections.reverse(backlog);
            backlog.forEach(this::logged);
        }
    }

    @Deactivate
    void stop() {
        reader.removeLogListener(this);
    }

    @Override
    public synchronized void logged(LogEntry entry) {
        if (entry.getSequence() <= last) {
            return;
        }
        last = entry.getSequence();
        if (!LogFile.keep(entry)) {
            return;
        }
        try {
            file.append(LogFile.format(entry));
        } catch (IOException e) {
            // the log file is a convenience; a full disk must not break the command that logged
        }
    }
}
