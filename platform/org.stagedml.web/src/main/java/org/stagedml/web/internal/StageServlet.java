package org.stagedml.web.internal;

import java.io.IOException;
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
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.Names;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.store.Store;

/**
 * {@code /stage/<name>}: the form that realizes the stage with overrides, and its realizations as a
 * table (time, size, the config values that differ, metrics; sortable, filtered by config value,
 * the matcher's pick marked) from which some are picked to compare.
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/stage/*", Whiteboard.SELECT, Whiteboard.TARGET})
public class StageServlet extends PageServlet {
    private static final long serialVersionUID = 1L;
    private final transient Realizer realizer;
    private final transient Store store;
    private final transient DashboardServer server;

    @Activate
    public StageServlet(@Reference Realizer realizer, @Reference Store store, @Reference DashboardServer server) {
        this.realizer = realizer;
        this.store = store;
        this.server = server;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = segment(req);
        if (!Names.STAGE_NAME.matcher(name).matches()) {
            throw new Problem(HttpServletResponse.SC_NOT_FOUND, "'" + name + "' is not a stage name");
        }
        StageInfo stage = realizer.stage(name).orElse(null);
        List<RealizationInfo> rs = store.realizationsOf(name);
        if (stage == null && rs.isEmpty()) {
            throw new Problem(HttpServletResponse.SC_NOT_FOUND, "no stage '" + name + "' is registered and the store holds none of it");
        }
        Matcher matcher = null;
        String spec = stage == null ? "" : stage.defaultMatcher();
        try {
            matcher = spec.isEmpty() ? null : Matchers.parse(spec);
        } catch (IllegalArgumentException e) {
            spec = "";
        }
        RealizationTable table = RealizationTable.of(rs,
                d -> store.derivation(d).map(Derivation::config).orElse(Config.empty()), matcher);
        StringBuilder sb = new StringBuilder("<h1>").append(Html.esc(name)).append("</h1>");
        if (stage == null) {
            sb.append("<p class=\"warning\">No stage of this name is registered now; its realizations are still in the store.</p>");
        } else {
            sb.append("<p>").append(Html.esc(stage.description())).append(" <span class=\"muted\">version ").append(stage.version())
                    .append(", ").append(Html.esc(stage.bundle())).append(", matcher ").append(Html.esc(spec)).append("</span></p>");
            sb.append(form(stage)).append(sweepForm(stage));
        }
        long sweeps = SweepRoots.find(store.roots()).stream().filter(w -> w.stage().equals(name)).count();
        if (sweeps > 0) {
            sb.append("<p><a id=\"stage-sweeps\" href=\"/sweeps?stage=").append(Html.url(name)).append("\">").append(sweeps)
                    .append(" sweep(s) of ").append(Html.esc(name)).append("</a></p>");
        }
        sb.append("<h2>Realizations <span class=\"muted\">(").append(rs.size()).append(")</span></h2>");
        sb.append(table(table, spec));
        write(resp, layout("StagedML: " + name, sb.toString()));
    }

    private String form(StageInfo stage) {
        StringBuilder sb = new StringBuilder("<details class=\"realize\"><summary>Realize " + Html.esc(stage.name())
                + "</summary><form id=\"realize-form\" method=\"post\" action=\"/actions/realize\">");
        sb.append(tokenField(server)).append("<input type=\"hidden\" name=\"stage\" value=\"").append(Html.esc(stage.name()))
                .append("\"><table class=\"form\">");
        for (FieldSpec f : stage.schema().fields()) {
            String id = "cfg-" + f.name();
            String value = f.isRequired() ? "" : ConfigDiff.text(java.util.Optional.of(f.defaultValue()));
            sb.append("<tr><td><label for=\"").append(Html.esc(id)).append("\">").append(Html.esc(f.name())).append("</label></td><td>");
            String input = "name=\"cfg." + Html.esc(f.name()) + "\" id=\"" + Html.esc(id) + "\"";
            if (f.type() == FieldType.CHOICE && !f.allowed().isEmpty() || f.type() == FieldType.BOOLEAN) {
                List<String> options = f.type() == FieldType.BOOLEAN ? List.of("true", "false") : f.allowed();
                sb.append("<select ").append(input).append('>');
                for (String o : options) {
                    sb.append("<option").append(o.equals(value) ? " selected" : "").append('>').append(Html.esc(o)).append("</option>");
                }
                sb.append("</select>");
            } else {
                sb.append("<input type=\"text\" ").append(input).append(" value=\"").append(Html.esc(value)).append('"')
                        .append(f.isRequired() ? " required" : "").append('>');
            }
            sb.append("</td><td class=\"muted\">").append(Html.esc(StagesServlet.type(f))).append(" &middot; ")
                    .append(Html.esc(f.doc())).append("</td></tr>");
        }
        sb.append("<tr><td><label for=\"instances\">instances</label></td><td><input type=\"number\" min=\"1\" max=\"20\""
                + " name=\"instances\" id=\"instances\" value=\"1\"></td><td class=\"muted\">build until this many realizations"
                + " of the derivation exist</td></tr>");
        sb.append("<tr><td><label for=\"force\">force</label></td><td><input type=\"checkbox\" name=\"force\" id=\"force\""
                + " value=\"true\"></td><td class=\"muted\">build a new realization even when the store has one that matches"
                + "</td></tr></table><button type=\"submit\" id=\"realize\">Realize</button></form></details>");
        return sb.toString();
    }

    private String sweepForm(StageInfo stage) {
        return "<details class=\"realize sweep\"><summary>Sweep " + Html.esc(stage.name()) + "</summary>"
                + "<form id=\"sweep-form\" method=\"post\" action=\"/actions/sweep\">" + tokenField(server)
                + "<input type=\"hidden\" name=\"stage\" value=\"" + Html.esc(stage.name()) + "\"><table class=\"form\">"
                + "<tr><td><label for=\"sweep-values\">values</label></td><td><input type=\"text\" size=\"40\" name=\"values\""
                + " id=\"sweep-values\" placeholder=\"key=v1,v2 key2=a,b\" required></td><td class=\"muted\">the keys to vary"
                + " and their values, as stage:sweep takes them; every combination is realized once</td></tr>"
                + "<tr><td><label for=\"sweep-instances\">instances</label></td><td><input type=\"number\" min=\"1\" max=\"20\""
                + " name=\"instances\" id=\"sweep-instances\" value=\"1\"></td><td class=\"muted\">realizations per configuration"
                + " (mean and sd over them)</td></tr><tr><td><label for=\"sweep-metric\">metric</label></td><td><input type=\"text\""
                + " name=\"metric\" id=\"sweep-metric\" placeholder=\"name[:max|min]\"></td><td class=\"muted\">to rank by"
                + " (default: the stage's matcher's)</td></tr></table><button type=\"submit\" id=\"sweep\">Sweep</button>"
                + " <span class=\"muted\">the builds show on Builds; the ranking on Sweeps when all have ended</span></form></details>";
    }

    private static String table(RealizationTable t, String spec) {
        if (t.rows().isEmpty()) {
            return "<p>None yet.</p>";
        }
        StringBuilder sb = new StringBuilder();
        // filters: one per differing config field, over the values present
        if (!t.fields().isEmpty()) {
            sb.append("<div class=\"filters\">Filter: ");
            for (int i = 0; i < t.fields().size(); i++) {
                String f = t.fields().get(i);
                TreeSet<String> values = new TreeSet<>();
                t.rows().forEach(r -> values.add(ConfigDiff.text(r.config().get(f))));
                sb.append("<label>").append(Html.esc(f)).append(" <select class=\"filter\" data-col=\"").append(4 + i)
                        .append("\" data-field=\"").append(Html.esc(f)).append("\"><option value=\"\">all</option>");
                values.forEach(v -> sb.append("<option>").append(Html.esc(v)).append("</option>"));
                sb.append("</select></label> ");
            }
            sb.append("</div>");
        }
        sb.append("<form id=\"compare-form\" method=\"get\" action=\"/compare\"><button type=\"submit\" id=\"compare\">"
                + "Compare selected</button></form>");
        sb.append("<table id=\"realizations\" class=\"grid sortable\"><thead><tr><th data-type=\"none\"></th>"
                + "<th data-type=\"text\">realization</th><th data-type=\"text\">finished</th><th data-type=\"num\">size</th>");
        t.fields().forEach(f -> sb.append("<th data-type=\"text\" class=\"cfg\">").append(Html.esc(f)).append("</th>"));
        t.metrics().forEach(m -> sb.append("<th data-type=\"num\" class=\"metric\" data-metric=\"").append(Html.esc(m)).append("\">")
                .append(Html.esc(m)).append("</th>"));
        sb.append("<th data-type=\"text\">picked</th></tr></thead><tbody>");
        for (RealizationTable.Row r : t.rows()) {
            RealizationInfo i = r.info();
            sb.append("<tr data-rref=\"").append(Html.esc(i.rref())).append("\"").append(r.picked() ? " class=\"picked\"" : "")
                    .append("><td><input type=\"checkbox\" name=\"rref\" form=\"compare-form\" value=\"").append(Html.esc(i.rref()))
                    .append("\"></td><td><a href=\"/realization/").append(i.rref()).append("\" title=\"").append(Html.esc(i.rref()))
                    .append("\"><code>").append(Html.esc(i.rref().outputHash().substring(0, 12))).append("</code></a>")
                    .append("<div class=\"muted small\">").append(Html.esc(i.dref().hash().substring(0, 8))).append("</div></td>")
                    .append("<td data-value=\"").append(Html.esc(Html.time(i.finished()))).append("\">").append(Html.esc(Html.time(i.finished())))
                    .append("</td><td class=\"num\" data-value=\"").append(i.sizeBytes()).append("\">").append(Html.size(i.sizeBytes()))
                    .append("</td>");
            for (String f : t.fields()) {
                String v = ConfigDiff.text(r.config().get(f));
                sb.append("<td data-value=\"").append(Html.esc(v)).append("\">").append(Html.esc(v.length() > 40 ? v.substring(0, 39) + "…" : v))
                        .append("</td>");
            }
            for (String m : t.metrics()) {
                Double v = i.metrics().get(m);
                sb.append("<td class=\"num\" data-value=\"").append(v == null ? "" : v.toString()).append("\">")
                        .append(v == null ? "-" : Html.number(v)).append("</td>");
            }
            sb.append("<td data-value=\"").append(r.picked() ? "1" : "0").append("\">")
                    .append(r.picked() ? "<span class=\"pick\" title=\"the matcher " + Html.esc(spec) + " picks this one\">&#9733; "
                            + Html.esc(spec) + "</span>" : "")
                    .append("</td></tr>");
        }
        sb.append("</tbody></table>");
        return sb.toString();
    }

    /** The overrides a realize form submitted: the fields whose text differs from the stage's default. */
    static Map<String, String> overrides(StageInfo stage, Map<String, String[]> params) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            if (!e.getKey().startsWith("cfg.") || e.getValue().length == 0) {
                continue;
            }
            String field = e.getKey().substring(4);
            FieldSpec f = stage.schema().field(field).orElse(null);
            if (f == null) {
                unknown.add(field);
                continue;
            }
            String given = e.getValue()[0].trim();
            String def = f.isRequired() ? null : ConfigDiff.text(java.util.Optional.of(f.defaultValue()));
            if (!given.equals(def) && !(given.isEmpty() && def == null)) {
                out.put(field, given);
            }
        }
        if (!unknown.isEmpty()) {
            throw new Problem(HttpServletResponse.SC_BAD_REQUEST, "stage '" + stage.name() + "' has no config field(s) " + unknown);
        }
        return out;
    }
}
