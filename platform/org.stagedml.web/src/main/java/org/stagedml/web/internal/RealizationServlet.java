package org.stagedml.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.Ref;
import org.stagedml.api.history.History;
import org.stagedml.api.store.Store;

/**
 * {@code /realization/<rref>}: its config (dependencies linked to the realizations used), its
 * dependency graph, GC roots (pin, unpin), metrics, training curves, the PNGs it wrote, its files
 * for download and its build log.
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/realization/*", Whiteboard.SELECT, Whiteboard.TARGET})
public class RealizationServlet extends PageServlet {
    private static final long serialVersionUID = 1L;
    /** The end of a build log shown inline; the whole log is a link away. */
    static final int LOG_TAIL_BYTES = 64 * 1024;
    private final transient Store store;
    private final transient DashboardServer server;

    @Activate
    public RealizationServlet(@Reference Store store, @Reference DashboardServer server) {
        this.store = store;
        this.server = server;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        RRef rref = rref(segment(req));
        RealizationInfo info = store.realization(rref)
                .orElseThrow(() -> new Problem(HttpServletResponse.SC_NOT_FOUND, "not in the store: " + rref));
        Config config = store.derivation(rref.dref()).map(Derivation::config).orElse(Config.empty());
        StringBuilder sb = new StringBuilder("<h1>").append(Html.esc(rref.name())).append(" <code class=\"small\">")
                .append(Html.esc(rref.outputHash().substring(0, 12))).append("</code></h1>");
        sb.append("<table class=\"facts\"><tr><th>realization</th><td><code id=\"rref\">").append(Html.esc(rref)).append("</code></td></tr>")
                .append("<tr><th>stage</th><td><a href=\"/stage/").append(Html.url(rref.name())).append("\">").append(Html.esc(rref.name()))
                .append("</a> version ").append(info.stageVersion()).append(info.bundle().isEmpty() ? "" : " (" + Html.esc(info.bundle())
                        + " " + Html.esc(info.bundleVersion()) + ")").append("</td></tr>")
                .append("<tr><th>derivation</th><td><code>").append(Html.esc(rref.dref())).append("</code></td></tr>")
                .append("<tr><th>built</th><td>").append(Html.time(info.started())).append(" &ndash; ").append(Html.time(info.finished()))
                .append(" UTC</td></tr><tr><th>size</th><td>").append(Html.size(info.sizeBytes())).append("</td></tr></table>");
        sb.append("<h2>Dependencies</h2>");
        DependencyGraph g = DependencyGraph.of(rref, r -> store.realization(r)
                .map(x -> x.context().values().stream().flatMap(List::stream).toList()).orElse(List.of()));
        sb.append(g.nodes().size() == 1 ? "<p class=\"muted\">none: built from its config alone</p>" : "")
                .append("<div class=\"dag-box\">").append(DagSvg.render(g)).append("</div>");
        sb.append("<h2>Metrics</h2>");
        if (info.metrics().isEmpty()) {
            sb.append("<p class=\"muted\">no metrics.json</p>");
        } else {
            sb.append("<table id=\"metrics\" class=\"grid\"><tbody>");
            new TreeMap<>(info.metrics()).forEach((k, v) -> sb.append("<tr><th>").append(Html.esc(k)).append("</th><td class=\"num\">")
                    .append(Html.number(v)).append("</td></tr>"));
            sb.append("</tbody></table>");
        }
        Path folder = store.path(rref);
        List<Path> outputs = store.outputFiles(rref);
        History history = outputs.contains(Path.of(History.FILE)) ? History.read(folder.resolve(History.FILE), Charts.MAX_POINTS) : History.empty();
        if (!history.isEmpty()) {
            sb.append("<h2>Training curves</h2>").append(Charts.html(Charts.of(history)));
        }
        List<Path> pngs = outputs.stream().filter(p -> p.getFileName().toString().toLowerCase().endsWith(".png")).toList();
        if (!pngs.isEmpty()) {
            sb.append("<h2>Pictures</h2><div class=\"pictures\">");
            pngs.forEach(p -> sb.append("<figure><img src=\"").append(fileUrl(rref, p)).append("\" alt=\"").append(Html.esc(p))
                    .append("\"><figcaption>").append(Html.esc(p)).append("</figcaption></figure>"));
            sb.append("</div>");
        }
        sb.append("<h2>Config</h2>").append(config(config, info));
        sb.append(roots(rref));
        sb.append("<h2>Files</h2><table id=\"files\" class=\"grid\"><tbody>");
        for (Path p : outputs) {
            long size = Files.size(folder.resolve(p));
            sb.append("<tr><td><a class=\"file\" href=\"").append(fileUrl(rref, p)).append("\" download>").append(Html.esc(p))
                    .append("</a></td><td class=\"num\">").append(Html.size(size)).append("</td></tr>");
        }
        sb.append("</tbody></table>");
        sb.append("<h2>Build log</h2>").append(log(rref));
        write(resp, layout("StagedML: " + rref.name() + " " + rref.outputHash().substring(0, 8), sb.toString()));
    }

    static String fileUrl(RRef rref, Path relative) {
        return "/files/" + rref + "/" + Html.urlPath(relative.toString().replace('\\', '/'));
    }

    private String roots(RRef rref) {
        StringBuilder sb = new StringBuilder("<div class=\"roots\"><h2>GC roots</h2>");
        List<String> names = new ArrayList<>();
        store.roots().forEach((name, ref) -> {
            if (ref.equals(rref) || ref.equals(rref.dref())) {
                names.add(name);
            }
        });
        if (names.isEmpty()) {
            sb.append("<p class=\"muted\" id=\"unpinned\">No root holds this realization: gc may remove it.</p>");
        }
        for (String n : names) {
            Ref target = store.roots().get(n);
            sb.append("<form class=\"inline\" method=\"post\" action=\"/actions/unpin\">").append(tokenField(server))
                    .append("<input type=\"hidden\" name=\"name\" value=\"").append(Html.esc(n)).append("\">")
                    .append("<input type=\"hidden\" name=\"back\" value=\"").append(Html.esc(rref)).append("\">")
                    .append("<span class=\"root\" data-root=\"").append(Html.esc(n)).append("\">").append(Html.esc(n)).append("</span>")
                    .append(target instanceof DRef ? " <span class=\"muted\">(its derivation)</span>" : "")
                    .append(" <button type=\"submit\" class=\"unpin\">unpin</button></form>");
        }
        String suggested = "pin-" + rref.name() + "-" + rref.outputHash().substring(0, 8);
        sb.append("<form class=\"inline\" id=\"pin-form\" method=\"post\" action=\"/actions/pin\">").append(tokenField(server))
                .append("<input type=\"hidden\" name=\"rref\" value=\"").append(Html.esc(rref)).append("\">")
                .append("<input type=\"text\" name=\"name\" value=\"").append(Html.esc(suggested)).append("\" aria-label=\"root name\">")
                .append(" <button type=\"submit\" id=\"pin\">pin</button></form></div>");
        return sb.toString();
    }

    private static String config(Config config, RealizationInfo info) {
        StringBuilder sb = new StringBuilder("<table id=\"config\" class=\"grid\"><tbody>");
        for (String f : config.fields()) {
            JsonNode v = config.get(f).orElse(null);
            sb.append("<tr><th>").append(Html.esc(f)).append("</th><td>");
            if (v != null && v.isTextual() && DRef.isDRef(v.textValue())) {
                DRef d = DRef.parse(v.textValue());
                List<RRef> used = info.context().getOrDefault(d, List.of());
                sb.append("<code>").append(Html.esc(d)).append("</code>");
                used.forEach(u -> sb.append("<div>used <a class=\"dep\" href=\"/realization/").append(u).append("\">")
                        .append(Html.esc(u)).append("</a></div>"));
            } else {
                sb.append("<code>").append(Html.esc(ConfigDiff.text(java.util.Optional.ofNullable(v)))).append("</code>");
            }
            sb.append("</td></tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    private String log(RRef rref) throws IOException {
        List<Path> logs = store.buildLogs(rref);
        if (logs.isEmpty()) {
            return "<p class=\"muted\">no build log was kept</p>";
        }
        Path log = logs.get(0);
        long size = Files.size(log);
        String text;
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, size - LOG_TAIL_BYTES);
            byte[] b = new byte[(int) (size - from)];
            f.seek(from);
            f.readFully(b);
            text = new String(b, StandardCharsets.UTF_8);
        }
        return (size > LOG_TAIL_BYTES ? "<p class=\"muted\">the last " + Html.size(LOG_TAIL_BYTES) + " of " + Html.size(size) + "</p>" : "")
                + "<pre id=\"log\" class=\"log\">" + Html.esc(text) + "</pre><p><a href=\"/log/" + rref + "\">the whole log</a></p>";
    }
}
