package org.stagedml.web.internal;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;

/** {@code /ping}: "ok" once the dashboard serves; stage:web waits for it before printing the URL. */
@Component(service = Servlet.class, property = {Whiteboard.PATTERN + "/ping", Whiteboard.SELECT, Whiteboard.TARGET})
public class PingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().print("ok\n");
    }
}
