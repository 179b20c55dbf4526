/**
 * The dashboard's implementation: {@code stage:web} ({@link org.stagedml.web.internal.WebCommand}), the Jetty
 * instance it asks Felix HTTP for ({@link org.stagedml.web.internal.DashboardServer}), the access guard on
 * every request ({@link org.stagedml.web.internal.AccessGuard}), the pages as HTTP Whiteboard servlets, the
 * sweeps started from the dashboard ({@link org.stagedml.web.internal.SweepRuns}), and the pure pieces the
 * pages are made of (tables, sweeps found through their roots, the dependency picture, training curves,
 * file-path checks).
 * Nothing here is exported: the dashboard is used through HTTP and the Gogo command.
 */
package org.stagedml.web.internal;
