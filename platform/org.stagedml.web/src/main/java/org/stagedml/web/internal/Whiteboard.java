package org.stagedml.web.internal;

/** The HTTP Whiteboard properties every servlet and resource of the dashboard carries. */
final class Whiteboard {
    static final String SELECT = "osgi.http.whiteboard.context.select=" + AccessGuard.SELECT;
    static final String TARGET = "osgi.http.whiteboard.target=" + DashboardServer.TARGET;
    static final String PATTERN = "osgi.http.whiteboard.servlet.pattern=";

    private Whiteboard() {
    }
}
