package org.stagedml.web.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.stagedml.api.MetricSummary;
import org.stagedml.api.RRef;
import org.stagedml.api.Ref;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.history.History;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.store.Store;
import org.stagedml.api.sweep.SweepOutcome;
import org.stagedml.api.sweep.SweepRanking;
import org.stagedml.api.sweep.SweepResult;

/**
 * {@code /sweeps}: the sweeps in the store (found through their roots, {@code ?stage=} for one
 * stage's), and {@code /sweeps/<sweep-stage-n>}: one sweep ranked (varied keys, mean, sd, n, status,
 * the best marked), its metric against each varied key, and the best configurations' curves.
 * {@code ?metric=name[:max|min]} ranks by another metric than the stage's default.
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/sweeps/*", Whiteboard.SELECT, Whiteboard.TARGET})
public class SweepsServlet extends PageServlet {
    private static final long serialVersionUID = 1L;
    /** How many of the best configurations' training curves the sweep page overlays. */
    static final int BEST_CURVES = 3;
    private final transient Realizer realizer;
    private final transient Store store;
    private final transient SweepRuns runs;

    @Activate
    public SweepsServlet(@Reference Realizer realizer, @Reference Store store, @Reference SweepRuns runs) {
        this.realizer = realizer;
        this.store = store;
        this.runs = runs;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = segment(req);
        Map<String, Ref> roots = store.roots();
        if (name.isEmpty()) {
            write(resp, layout("StagedML: sweeps", index(SweepRoots.find(roots), req.getParameter("stage"))));
            return;
        }
        SweepRoots.Sweep sweep = SweepRoots.named(roots, name);
        if (sweep == null) {
            throw new Problem(HttpServletResponse.SC_NOT_FOUND, "no sweep '" + name + "' in the store (no root " + name
                    + " nor " + name + ".<i>); the sweeps are listed at /sweeps");
        }
        SweepTable t = table(sweep, req.getParameter("metric"));
        write(resp, layout("StagedML: " + name, page(t)));
    }

    /** The table of a sweep ranked by the metric asked for, else the stage's default, else the first one found. */
    SweepTable table(SweepRoots.Sweep sweep, String metric) {
        SweepRanking.Metric m;
        if (metric != null && !metric.isBlank()) {
            m = SweepRanking.metric(metric, sweep.stage(), null);
        } else {
            m = defaultMetric(sweep);
        }
        return SweepTable.of(sweep, m, d -> store.derivation(d).map(Derivation::config).orElse(Config.empty()), store::realizations);
    }

    private SweepRanking.Metric defaultMetric(SweepRoots.Sweep sweep) {
        StageInfo stage = realizer.stage(sweep.stage()).orElse(null);
        try {
            return SweepRanking.metric(null, sweep.stage(), stage == null ? null : stage.defaultMatcher());
        } catch (StagedmlException e) {
            List<String> found = metrics(sweep);
            return new SweepRanking.Metric(found.isEmpty() ? "(none)" : found.get(0), true);
        }
    }

    private List<String> metrics(SweepRoots.Sweep sweep) {
        TreeSet<String> names = new TreeSet<>();
        sweep.points().values().forEach(ref -> store.realizations(ref.dref()).forEach(r -> names.addAll(r.metrics().keySet())));
        return List.copyOf(names);
    }

    private String index(List<SweepRoots.Sweep> sweeps, String stage) {
        StringBuilder sb = new StringBuilder("<h1>Sweeps");
        if (stage != null && !stage.isBlank()) {
            sb.append(" of <a href=\"/stage/").append(Html.url(stage)).append("\">").append(Html.esc(stage)).append("</a>");
            sweeps = sweeps.stream().filter(s -> s.stage().equals(stage)).toList();
        }
        sb.append("</h1>").append(started(stage));
        sb.append("<p class=\"muted\">found through the GC roots sweep-&lt;stage&gt;-&lt;n&gt;[.&lt;i&gt;] that stage:sweep"
                + " sets; store:root-rm them to let gc have a sweep</p>");
        if (sweeps.isEmpty()) {
            return sb.append("<p id=\"no-sweeps\">No sweeps in the store yet: run <code>stage:sweep &lt;stage&gt; key=v1,v2</code>.</p>")
                    .toString();
        }
        sb.append("<table id=\"sweeps\" class=\"grid sortable\"><thead><tr><th data-type=\"text\">sweep</th><th data-type=\"text\">stage</th>"
                + "<th data-type=\"num\">configurations</th><th data-type=\"text\">varied</th><th data-type=\"text\">metric</th>"
                + "<th data-type=\"text\">best</th><th data-type=\"num\">best mean</th></tr></thead><tbody>");
        for (SweepRoots.Sweep s : sweeps) {
            SweepResult r = table(s, null).result();
            SweepOutcome best = r.best().orElse(null);
            sb.append("<tr data-sweep=\"").append(Html.esc(s.name())).append("\"><td><a href=\"/sweeps/").append(Html.url(s.name()))
                    .append("\">").append(Html.esc(s.name())).append("</a></td><td><a href=\"/stage/").append(Html.url(s.stage()))
                    .append("\">").append(Html.esc(s.stage())).append("</a></td><td class=\"num\">").append(s.points().size())
                    .append("</td><td>").append(Html.esc(String.join(", ", r.keys()))).append("</td><td>").append(Html.esc(r.metric()))
                    .append(r.maximize() ? " (max)" : " (min)").append("</td><td>")
                    .append(best == null ? "-" : Html.esc(best.point())).append("</td><td class=\"num\" data-value=\"")
                    .append(best == null ? "" : best.summary().mean()).append("\">")
                    .append(best == null ? "-" : Html.number(best.summary().mean())).append("</td></tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /** The sweeps started from the dashboard; the page script reloads the page while one runs. */
    private String started(String stage) {
        List<SweepRuns.Run> rs = runs.runs().stream().filter(r -> stage == null || stage.isBlank() || r.stage.equals(stage)).toList();
        if (rs.isEmpty()) {
            return "";
        }
        boolean running = rs.stream().anyMatch(r -> r.outcome.isEmpty());
        StringBuilder sb = new StringBuilder("<h2>Started here</h2><table id=\"runs\" class=\"grid\" data-running=\"")
                .append(running).append("\"><thead><tr><th>stage</th><th>values</th><th>ended</th><th>outcome</th><th>sweep</th></tr>"
                        + "</thead><tbody>");
        for (SweepRuns.Run r : rs) {
            sb.append("<tr id=\"run-").append(r.id).append("\" data-run=\"").append(r.id).append("\"><td>").append(Html.esc(r.stage))
                    .append("</td><td><code>").append(Html.esc(r.what)).append("</code></td><td class=\"num\">").append(r.done)
                    .append(r.total > 0 ? " of " + r.total : "").append("</td><td class=\"outcome\">")
                    .append(Html.esc(r.outcome.isEmpty() ? "running" : r.outcome)).append("</td><td>");
            if (r.root != null) {
                sb.append("<a class=\"sweep-link\" href=\"/sweeps/").append(Html.url(r.root)).append("\">").append(Html.esc(r.root))
                        .append("</a>");
            }
            sb.append("</td></tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    private String page(SweepTable t) throws IOException {
        SweepResult r = t.result();
        SweepRoots.Sweep s = t.sweep();
        SweepOutcome best = r.best().orElse(null);
        StringBuilder sb = new StringBuilder("<h1>").append(Html.esc(s.name())).append("</h1>");
        sb.append("<table class=\"facts\"><tr><th>stage</th><td><a href=\"/stage/").append(Html.url(s.stage())).append("\">")
                .append(Html.esc(s.stage())).append("</a> &middot; <a href=\"/sweeps?stage=").append(Html.url(s.stage()))
                .append("\">its sweeps</a></td></tr><tr><th>ranked by</th><td id=\"metric\" data-metric=\"").append(Html.esc(r.metric()))
                .append("\">").append(Html.esc(r.metric())).append(r.maximize() ? " (higher is better)" : " (lower is better)");
        List<String> metrics = metrics(s);
        if (!metrics.isEmpty()) {
            // a GET form: the page script is not needed, and the choice is in the URL
            sb.append(" <form class=\"inline\" id=\"rank-by\" method=\"get\" action=\"/sweeps/").append(Html.url(s.name()))
                    .append("\"><select name=\"metric\" aria-label=\"metric to rank by\">");
            for (String m : metrics) {
                for (String way : List.of("max", "min")) {
                    boolean now = m.equals(r.metric()) && way.equals(r.maximize() ? "max" : "min");
                    sb.append("<option value=\"").append(Html.esc(m + ":" + way)).append('"').append(now ? " selected" : "").append('>')
                            .append(Html.esc(m)).append(way.equals("max") ? " (max)" : " (min)").append("</option>");
                }
            }
            sb.append("</select> <button type=\"submit\">rank</button></form>");
        }
        sb.append("</td></tr><tr><th>root</th><td>");
        if (s.best() != null) {
            sb.append("<span class=\"root\">").append(Html.esc(s.name())).append("</span> &rarr; <code>").append(Html.esc(s.best()))
                    .append("</code> (the sweep's best); ");
        }
        sb.append("configuration <i>i</i> under ").append(Html.esc(s.name())).append(".<i>i</i></td></tr></table>");
        sb.append(ranking(t, best));
        List<RRef> compare = r.ranked().stream().filter(o -> o.rref() != null).limit(CompareServlet.MAX).map(SweepOutcome::rref).toList();
        if (compare.size() > 1) {
            StringBuilder q = new StringBuilder();
            compare.forEach(c -> q.append(q.length() == 0 ? "?" : "&").append("rref=").append(Html.url(c.toString())));
            sb.append("<p><a id=\"compare-sweep\" href=\"/compare").append(q).append("\">compare these ").append(compare.size())
                    .append(" realizations</a></p>");
        }
        List<Charts.Chart> charts = new ArrayList<>();
        r.keys().forEach(k -> charts.add(t.chart(k)));
        Charts.Chart curves = bestCurves(r);
        if (!curves.series().isEmpty()) {
            charts.add(curves);
        }
        sb.append("<h2>").append(Html.esc(r.metric())).append(" against the varied keys</h2>").append(charts.isEmpty()
                ? "<p class=\"muted\">nothing varies between the configurations</p>" : Charts.html(charts));
        return sb.toString();
    }

    private static String ranking(SweepTable t, SweepOutcome best) {
        SweepResult r = t.result();
        StringBuilder sb = new StringBuilder("<table id=\"sweep-table\" class=\"grid sortable\"><thead><tr><th data-type=\"num\">rank</th>");
        r.keys().forEach(k -> sb.append("<th data-type=\"text\" class=\"key\" data-key=\"").append(Html.esc(k)).append("\">")
                .append(Html.esc(k)).append("</th>"));
        sb.append("<th data-type=\"num\" class=\"mean\">").append(Html.esc(r.metric())).append(" mean</th><th data-type=\"num\">sd</th>"
                + "<th data-type=\"num\">n</th><th data-type=\"text\">status</th><th data-type=\"none\">realizations</th></tr></thead><tbody>");
        int rank = 0;
        for (SweepOutcome o : r.ranked()) {
            rank++;
            MetricSummary m = o.summary();
            sb.append("<tr data-index=\"").append(o.point().index()).append("\" data-dref=\"").append(Html.esc(o.dref())).append('"')
                    .append(o == best ? " class=\"best\"" : "").append("><td class=\"num\" data-value=\"").append(rank).append("\">")
                    .append(o == best ? "<span class=\"pick\" title=\"the best configuration\">&#9733;</span> " : "").append(rank)
                    .append("</td>");
            r.keys().forEach(k -> sb.append("<td>").append(Html.esc(o.point().values().get(k))).append("</td>"));
            sb.append("<td class=\"num mean\" data-value=\"").append(m.n() == 0 ? "" : m.mean()).append("\">")
                    .append(m.n() == 0 ? "-" : Html.number(m.mean())).append("</td><td class=\"num\" data-value=\"")
                    .append(m.n() < 2 ? "" : m.sd()).append("\">").append(m.n() < 2 ? "-" : Html.number(m.sd()))
                    .append("</td><td class=\"num\">").append(m.n()).append("</td><td class=\"status\" title=\"").append(Html.esc(o.error()))
                    .append("\">").append(Html.esc(SweepTable.status(o, r.metric()))).append("</td><td>");
            for (RRef rr : t.rrefs().get(o.point().index())) {
                sb.append("<a href=\"/realization/").append(rr).append("\" title=\"").append(Html.esc(rr)).append("\"><code>")
                        .append(Html.esc(rr.outputHash().substring(0, 8))).append("</code></a> ");
            }
            sb.append("</td></tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /** The metric's training curve (history.jsonl) of the best few configurations, when they wrote one. */
    private Charts.Chart bestCurves(SweepResult r) throws IOException {
        List<Charts.Series> series = new ArrayList<>();
        int rank = 0;
        for (SweepOutcome o : r.ranked()) {
            if (rank == BEST_CURVES || o.rref() == null) {
                break;
            }
            rank++;
            if (store.outputFiles(o.rref()).contains(Path.of(History.FILE))) {
                List<double[]> pts = History.read(store.path(o.rref()).resolve(History.FILE), Charts.MAX_POINTS).curve(r.metric());
                if (!pts.isEmpty()) {
                    series.add(new Charts.Series("#" + rank + " " + o.point(), pts));
                }
            }
        }
        return new Charts.Chart(r.metric() + " during training, the best " + BEST_CURVES, series);
    }
}
