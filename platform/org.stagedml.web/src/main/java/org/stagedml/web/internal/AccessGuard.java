package org.stagedml.web.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The dashboard's servlet context: every request passes {@link #handleSecurity} first. A request
 * needs the access token printed by {@code stage:web}: in the {@code token} query parameter (the
 * printed URL; the answer then sets a cookie so that links need not carry it), the
 * {@value #TOKEN_HEADER} header, or that cookie. A write (any method but GET and HEAD) needs it in
 * the header or the form field {@code token}, never only the cookie a browser adds by itself, so
 * another site cannot forge one (CSRF). On loopback the Host header must name loopback too, so a
 * rebound DNS name cannot reach the dashboard from a web page.
 */
@Component(service = ServletContextHelper.class, property = {
        "osgi.http.whiteboard.context.name=" + AccessGuard.CONTEXT,
        "osgi.http.whiteboard.context.path=/",
        "osgi.http.whiteboard.target=" + DashboardServer.TARGET})
public class AccessGuard extends ServletContextHelper {
    static final String CONTEXT = "stagedml-web";
    /** What servlets and resources put in osgi.http.whiteboard.context.select. */
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + CONTEXT + ")";
    static final String TOKEN_HEADER = "X-StagedML-Token";
    static final String TOKEN_PARAM = "token";
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final DashboardServer server;

    @Activate
    public AccessGuard(BundleContext context, @Reference DashboardServer server) {
        super(context.getBundle());
        this.server = server;
    }

    /** The cookie holding the token; one per port, since cookies do not tell ports apart. */
    static String cookieName(int port) {
        return "stagedml-token-" + port;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        DashboardServer.Running r = server.running();
        if (r == null) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the dashboard is stopping");
            return false;
        }
        setHeaders(resp);
        if (r.loopback() && !LOOPBACK_NAMES.contains(hostName(req.getHeader("Host")))) {
            refuse(resp, HttpServletResponse.SC_FORBIDDEN, "this dashboard answers only requests addressed to 127.0.0.1 or localhost");
            return false;
        }
        boolean write = !"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod());
        if (write) {
            String origin = req.getHeader("Origin");
            if (origin != null && !sameOrigin(origin, req)) {
                refuse(resp, HttpServletResponse.SC_FORBIDDEN, "a write from another site (Origin " + origin + ") is refused");
                return false;
            }
            if (!matches(r.token(), req.getHeader(TOKEN_HEADER)) && !matches(r.token(), req.getParameter(TOKEN_PARAM))) {
                refuse(resp, HttpServletResponse.SC_FORBIDDEN, "a change needs the access token in the form or the "
                        + TOKEN_HEADER + " header");
                return false;
            }
            return true;
        }
        if (matches(r.token(), req.getParameter(TOKEN_PARAM))) {
            if (!matches(r.token(), cookie(req, cookieName(r.port())))) {
                // written as a header: SameSite is not in this servlet API's Cookie
                resp.addHeader("Set-Cookie", cookieName(r.port()) + "=" + r.token() + "; Path=/; HttpOnly; SameSite=Strict");
            }
            return true;
        }
        if (matches(r.token(), req.getHeader(TOKEN_HEADER)) || matches(r.token(), cookie(req, cookieName(r.port())))) {
            return true;
        }
        refuse(resp, HttpServletResponse.SC_UNAUTHORIZED, "this page needs the access token: open the URL that stage:web printed"
                + " (it ends in ?token=...)");
        return false;
    }

    private static void setHeaders(HttpServletResponse resp) {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on its own forms
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'");
    }

    private static void refuse(HttpServletResponse resp, int code, String message) throws IOException {
        resp.setStatus(code);
        resp.setContentType("text/html;charset=utf-8");
        byte[] body = ("<!DOCTYPE html><html><head><title>StagedML: refused</title></head><body><h1>Refused</h1><p>"
                + Html.esc(message) + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** Constant-time comparison, so that timing tells nothing about the token. */
    static boolean matches(String token, String given) {
        if (given == null || token == null) {
            return false;
        }
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String cookie(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    /** The host part of a Host header, lower case ("" when absent). */
    static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean sameOrigin(String origin, HttpServletRequest req) {
        try {
            URI o = URI.create(origin);
            String host = req.getHeader("Host");
            return host != null && (o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort())).equalsIgnoreCase(host)
                    || host != null && o.getAuthority() != null && o.getAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
