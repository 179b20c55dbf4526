package org.stagedml.web.internal;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.RRef;

/**
 * {@code /builds}: the realize jobs of this process (started here, from the shell, or by a host),
 * each derivation with its state and progress; the page script keeps it live from {@code /events}.
 */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/builds", Whiteboard.SELECT, Whiteboard.TARGET})
public class BuildsServlet extends PageServlet {
    private static final long serialVersionUID = 1L;
    private final transient BuildMonitor monitor;

    @Activate
    public BuildsServlet(@Reference BuildMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        StringBuilder sb = new StringBuilder("<h1>Builds of this process</h1><p class=\"muted\" id=\"live\">"
                + "live: updates arrive as the builds report them</p><div id=\"jobs\">");
        if (monitor.jobs().isEmpty()) {
            sb.append("<p id=\"no-jobs\">No realize has run in this process yet.</p>");
        }
        for (BuildMonitor.Job j : monitor.jobs()) {
            sb.append(job(j));
        }
        sb.append("</div>");
        write(resp, layout("StagedML: builds", sb.toString()));
    }

    static String job(BuildMonitor.Job j) {
        StringBuilder sb = new StringBuilder("<section class=\"job\" id=\"job-").append(j.id).append("\" data-job=\"").append(j.id)
                .append("\"><h3>job ").append(j.id);
        if (j.target != null) {
            sb.append(" &middot; <a href=\"/stage/").append(Html.url(j.target.name())).append("\">").append(Html.esc(j.target.name()))
                    .append("</a>");
        }
        sb.append(" <span class=\"outcome\">").append(Html.esc(j.done() ? j.outcome : "running")).append("</span></h3>")
                .append("<table class=\"grid steps\"><tbody>");
        for (BuildMonitor.Step s : j.steps()) {
            sb.append("<tr data-dref=\"").append(Html.esc(s.dref())).append("\"><td><code>").append(Html.esc(s.dref().name()))
                    .append("</code></td><td class=\"state\">").append(s.state()).append("</td><td><progress max=\"1\" value=\"")
                    .append(Math.max(0, s.fraction())).append("\"></progress></td><td class=\"message\">").append(Html.esc(s.message()))
                    .append("</td><td class=\"rref\">");
            if (s.rref() != null) {
                sb.append("<a href=\"/realization/").append(s.rref()).append("\">").append(Html.esc(s.rref().outputHash().substring(0, 12)))
                        .append("</a>");
            }
            sb.append("</td></tr>");
        }
        sb.append("</tbody></table><div class=\"result\">");
        for (RRef r : j.result) {
            sb.append("<a class=\"result-rref\" href=\"/realization/").append(r).append("\">").append(Html.esc(r)).append("</a> ");
        }
        return sb.append("</div></section>").toString();
    }
}
