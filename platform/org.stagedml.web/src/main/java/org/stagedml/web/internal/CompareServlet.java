package org.stagedml.web.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.Config;
import org.stagedml.api.Derivation;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.store.Store;
import org.stagedml.api.history.History;

/**
 * {@code /compare?rref=..&rref=..}: several realizations side by side: the config values that
 * differ, their metrics, and their training curves overlaid (one chart per metric, one curve per
 * realization).
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/compare", Whiteboard.SELECT, Whiteboard.TARGET})
public class CompareServlet extends PageServlet {
    private static final long serialVersionUID = 1L;
    static final int MAX = 12;
    private final transient Store store;

    @Activate
    public CompareServlet(@Reference Store store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] given = req.getParameterValues("rref");
        if (given == null || given.length == 0) {
            throw new Problem(HttpServletResponse.SC_BAD_REQUEST, "pick the realizations to compare: /compare?rref=...&rref=...");
        }
        LinkedHashSet<RRef> rrefs = new LinkedHashSet<>();
        for (String g : given) {
            rrefs.add(rref(g.trim()));
        }
        if (rrefs.size() > MAX) {
            throw new Problem(HttpServletResponse.SC_BAD_REQUEST, "compare at most " + MAX + " realizations at once, not " + rrefs.size());
        }
        List<RealizationInfo> infos = new ArrayList<>();
        for (RRef r : rrefs) {
            infos.add(store.realization(r).orElseThrow(() -> new Problem(HttpServletResponse.SC_NOT_FOUND, "not in the store: " + r)));
        }
        Map<RRef, Config> configs = new LinkedHashMap<>();
        infos.forEach(i -> configs.put(i.rref(), store.derivation(i.dref()).map(Derivation::config).orElse(Config.empty())));
        List<String> differing = ConfigDiff.differing(configs.values());
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            labels.add("#" + (i + 1) + " " + infos.get(i).rref().name() + " " + infos.get(i).rref().outputHash().substring(0, 8));
        }
        StringBuilder sb = new StringBuilder("<h1>Compare ").append(infos.size()).append(" realizations</h1>");
        sb.append("<table id=\"compare\" class=\"grid\"><thead><tr><th></th>");
        for (int i = 0; i < infos.size(); i++) {
            RRef r = infos.get(i).rref();
            sb.append("<th><a href=\"/realization/").append(r).append("\" title=\"").append(Html.esc(r)).append("\">")
                    .append(Html.esc(labels.get(i))).append("</a></th>");
        }
        sb.append("</tr></thead><tbody>");
        sb.append("<tr class=\"section\"><th colspan=\"").append(infos.size() + 1).append("\">config: ")
                .append(differing.isEmpty() ? "the same for all" : differing.size() + " field(s) differ").append("</th></tr>");
        for (String f : differing) {
            sb.append("<tr class=\"diff\" data-field=\"").append(Html.esc(f)).append("\"><th>").append(Html.esc(f)).append("</th>");
            infos.forEach(i -> sb.append("<td>").append(Html.esc(ConfigDiff.text(configs.get(i.rref()).get(f)))).append("</td>"));
            sb.append("</tr>");
        }
        TreeSet<String> metrics = new TreeSet<>();
        infos.forEach(i -> metrics.addAll(i.metrics().keySet()));
        sb.append("<tr class=\"section\"><th colspan=\"").append(infos.size() + 1).append("\">metrics</th></tr>");
        for (String m : metrics) {
            sb.append("<tr class=\"metric\"><th>").append(Html.esc(m)).append("</th>");
            infos.forEach(i -> {
                Double v = i.metrics().get(m);
                sb.append("<td class=\"num\">").append(v == null ? "-" : Html.number(v)).append("</td>");
            });
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        List<History> histories = new ArrayList<>();
        for (RealizationInfo i : infos) {
            histories.add(store.outputFiles(i.rref()).contains(Path.of(History.FILE))
                    ? History.read(store.path(i.rref()).resolve(History.FILE), Charts.MAX_POINTS) : History.empty());
        }
        List<Charts.Chart> charts = Charts.overlaid(labels, histories);
        sb.append("<h2>Training curves</h2>").append(charts.isEmpty() ? "<p class=\"muted\">none of these wrote history.jsonl</p>"
                : Charts.html(charts));
        write(resp, layout("StagedML: compare", sb.toString()));
    }
}
