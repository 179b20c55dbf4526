package org.stagedml.web.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.store.Store;

/** {@code /}: the registered stages with their description, config schema, dependencies and realizations. */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/", Whiteboard.SELECT, Whiteboard.TARGET})
public class StagesServlet extends PageServlet {
    private static final long serialVersionUID = 1L;
    private final transient Realizer realizer;
    private final transient Store store;

    @Activate
    public StagesServlet(@Reference Realizer realizer, @Reference Store store) {
        this.realizer = realizer;
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (!path.equals("/") && !path.isEmpty()) {
            throw new Problem(HttpServletResponse.SC_NOT_FOUND, "no page " + path);
        }
        List<StageInfo> stages = realizer.stages();
        StringBuilder sb = new StringBuilder("<h1>Stages</h1>");
        sb.append("<p class=\"muted\">store ").append(Html.esc(store.root())).append("</p>");
        if (stages.isEmpty()) {
            sb.append("<p>No stages are registered: install a model or dataset bundle.</p>");
        }
        sb.append("<table id=\"stages\" class=\"grid\"><thead><tr><th>stage</th><th>version</th><th>description</th>"
                + "<th>config</th><th>dependencies</th><th>realizations</th></tr></thead><tbody>");
        for (StageInfo s : stages) {
            int count = store.realizationsOf(s.name()).size();
            sb.append("<tr data-stage=\"").append(Html.esc(s.name())).append("\"><td><a href=\"/stage/")
                    .append(Html.url(s.name())).append("\">").append(Html.esc(s.name())).append("</a></td><td>")
                    .append(s.version()).append("</td><td>").append(Html.esc(s.description())).append("<div class=\"muted\">")
                    .append(Html.esc(s.bundle())).append(' ').append(Html.esc(s.bundleVersion())).append("</div></td><td>")
                    .append(schema(s)).append("</td><td>");
            s.dependencies().forEach((field, stage) -> sb.append("<div>").append(Html.esc(field)).append(" &rarr; <a href=\"/stage/")
                    .append(Html.url(stage)).append("\">").append(Html.esc(stage)).append("</a></div>"));
            sb.append("</td><td class=\"num\">").append(count).append("</td></tr>");
        }
        sb.append("</tbody></table>");
        write(resp, layout("StagedML: stages", sb.toString()));
    }

    static String schema(StageInfo s) {
        StringBuilder sb = new StringBuilder();
        for (FieldSpec f : s.schema().fields()) {
            sb.append("<div class=\"field\" title=\"").append(Html.esc(f.doc())).append("\"><code>").append(Html.esc(f.name()))
                    .append("</code> <span class=\"muted\">").append(Html.esc(type(f))).append("</span> = ")
                    .append(f.isRequired() ? "<em>required</em>" : Html.esc(ConfigDiff.text(java.util.Optional.of(f.defaultValue()))))
                    .append("</div>");
        }
        return sb.toString();
    }

    static String type(FieldSpec f) {
        return f.type() == FieldType.CHOICE && !f.allowed().isEmpty() ? String.join("|", f.allowed())
                : f.type().name().toLowerCase(Locale.ROOT);
    }
}
