package org.stagedml.web.internal;

import org.osgi.service.component.annotations.Component;

/**
 * The static files under {@code /assets/}: the page script and style of this bundle and uPlot,
 * the chart library, copied into the bundle from its WebJar at build time. Served by the HTTP
 * Whiteboard from the bundle itself: nothing comes from the network.
 */
@Component(service = Assets.class, property = {
        "osgi.http.whiteboard.resource.pattern=/assets/*",
        "osgi.http.whiteboard.resource.prefix=/static",
        Whiteboard.SELECT, Whiteboard.TARGET})
public class Assets {
}
