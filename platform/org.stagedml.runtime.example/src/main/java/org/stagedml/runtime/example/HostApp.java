package org.stagedml.runtime.example;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.RRef;
import org.stagedml.api.realize.RealizeEvent;
import org.stagedml.runtime.StagedML;

/**
 * {@code HostApp BUNDLE_DIR HOME STAGE [key=value ...]}: realizes a stage in an embedded StagedML,
 * prints each event and then the result (rref, path, metrics).
 */
public final class HostApp {
    private HostApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: HostApp BUNDLE_DIR HOME STAGE [key=value ...]");
            System.exit(2);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2) {
                System.err.println("not key=value: " + args[i]);
                System.exit(2);
            }
            overrides.put(kv[0], kv[1]);
        }
        try (StagedML sml = StagedML.builder().platformBundles(Path.of(args[0])).home(Path.of(args[1])).start();
                AutoCloseable events = sml.subscribe(HostApp::print)) {
            List<RRef> rrefs = sml.realize(args[2], overrides);
            for (RRef r : rrefs) {
                System.out.println("result " + r);
                System.out.println("path " + sml.path(r));
                System.out.println("metrics " + sml.metrics(r));
            }
        }
    }

    private static void print(RealizeEvent e) {
        if (e.type() != RealizeEvent.Type.PROGRESS && e.type() != RealizeEvent.Type.LOG) {
            System.out.println("event " + e.type() + " " + e.dref().name() + (e.rref() == null ? "" : " " + e.rref()));
        }
    }
}
