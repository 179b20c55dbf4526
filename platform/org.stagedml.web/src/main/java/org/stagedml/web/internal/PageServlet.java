package org.stagedml.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.stagedml.api.RRef;
import org.stagedml.api.StageNotFoundException;
import org.stagedml.api.StagedmlException;

/**
 * What every page of the dashboard shares: the layout, the error pages (a StagedmlException from
 * the store or realizer becomes a page that says what is wrong), parsing references from the path.
 */
abstract class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** A request that cannot be answered: status and what to tell the user. */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Problem(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        try {
            super.service(req, resp);
        } catch (Problem p) {
            error(resp, p.status, p.getMessage());
        } catch (StageNotFoundException e) {
            error(resp, HttpServletResponse.SC_NOT_FOUND, e.getMessage());
        } catch (StagedmlException | IllegalArgumentException e) {
            error(resp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.reset();
        resp.setStatus(status);
        write(resp, layout("StagedML: error", "<h1>" + (status == 404 ? "Not found" : "Cannot do that") + "</h1><p class=\"error\">"
                + Html.esc(message) + "</p><p><a href=\"/\">back to the stages</a></p>"));
    }

    static void write(HttpServletResponse resp, String html) throws IOException {
        resp.setContentType("text/html;charset=utf-8");
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    static String layout(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.esc(title) + "</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"stylesheet\" href=\"/assets/uplot/uPlot.min.css\">"
                + "<link rel=\"stylesheet\" href=\"/assets/style.css\">"
                + "<script src=\"/assets/uplot/uPlot.iife.min.js\" defer></script>"
                + "<script src=\"/assets/app.js\" defer></script></head><body>"
                + "<header><a class=\"brand\" href=\"/\">StagedML</a><nav><a href=\"/\">Stages</a>"
                + "<a href=\"/sweeps\">Sweeps</a><a href=\"/builds\">Builds</a></nav></header><main>" + body + "</main></body></html>";
    }

    /** The first path segment after the servlet's prefix ("" when none). */
    static String segment(HttpServletRequest req) {
        String info = req.getPathInfo();
        if (info == null || info.length() <= 1) {
            return "";
        }
        String rest = info.substring(1);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    static RRef rref(String text) {
        try {
            return RRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Problem(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
        }
    }

    /** The hidden form field every write carries. */
    static String tokenField(DashboardServer server) {
        DashboardServer.Running r = server.running();
        return r == null ? "" : "<input type=\"hidden\" name=\"" + AccessGuard.TOKEN_PARAM + "\" value=\"" + Html.esc(r.token()) + "\">";
    }
}
