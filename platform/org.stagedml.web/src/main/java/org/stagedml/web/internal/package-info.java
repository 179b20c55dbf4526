/**
 * The dashboard's implementation: {@code stage:web} ({@link org.stagedml.web.internal.WebCommand}), the Jetty
 * instance it asks Felix HTTP for ({@link org.stagedml.web.internal.DashboardServer}), the access guard on
 * every request ({@link org.stagedml.web.internal.AccessGuard}), the pages as HTTP Whiteboard servlets, and
 * the pure pieces they are made of (tables, the dependency picture, training curves, file-path checks).
 * Nothing here is exported: the dashboard is used through HTTP and the Gogo command.
 */
package org.stagedml.web.internal;
