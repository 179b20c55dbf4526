package org.stagedml.web.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.RRef;
import org.stagedml.api.store.Store;

/**
 * {@code /files/<rref>/<path>}: one output file of a realization, checked by {@link SafePaths};
 * {@code /log/<rref>}: its build log. Pictures are shown inline, everything else is a download
 * (a file a build wrote must never run as a page of the dashboard).
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/files/*", Whiteboard.PATTERN + "/log/*",
        Whiteboard.SELECT, Whiteboard.TARGET})
public class FilesServlet extends PageServlet {
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> INLINE = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg",
            "gif", "image/gif");
    private final transient Store store;

    @Activate
    public FilesServlet(@Reference Store store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        RRef rref = rref(segment(req));
        if (store.realization(rref).isEmpty()) {
            throw new Problem(HttpServletResponse.SC_NOT_FOUND, "not in the store: " + rref);
        }
        if (req.getServletPath().equals("/log")) {
            List<Path> logs = store.buildLogs(rref);
            if (logs.isEmpty()) {
                throw new Problem(HttpServletResponse.SC_NOT_FOUND, "no build log was kept for " + rref);
            }
            resp.setContentType("text/plain;charset=utf-8");
            send(resp, logs.get(0));
            return;
        }
        String requested = info.length() > 1 + rref.toString().length() + 1 ? info.substring(rref.toString().length() + 2) : "";
        Path file;
        try {
            file = SafePaths.resolve(store.path(rref), store.outputFiles(rref), requested);
        } catch (SafePaths.Refused e) {
            throw new Problem(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : INLINE.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type != null) {
            resp.setContentType(type);
        } else {
            resp.setContentType("application/octet-stream");
            resp.setHeader("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        }
        send(resp, file);
    }

    private static void send(HttpServletResponse resp, Path file) throws IOException {
        resp.setContentLengthLong(Files.size(file));
        Files.copy(file, resp.getOutputStream());
    }
}
