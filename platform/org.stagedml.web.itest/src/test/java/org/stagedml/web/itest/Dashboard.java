package org.stagedml.web.itest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.store.Store;
import org.stagedml.api.sweep.Sweeper;
import org.stagedml.runtime.EmbeddedFramework;
import org.stagedml.runtime.LaunchConfig;
import org.stagedml.runtime.internal.SharedPackages;
import org.stagedml.testing.GeneratedGlueStage;
import org.stagedml.testing.GeneratedGlueTask;

/**
 * The distribution's bundles in a real Felix inside this JVM, on a fresh store, with the dashboard
 * started on request (the framework property an embedding host sets). The real glue stage would
 * download GLUE, so its bundle is left out and a generated SST-2 stands in for it: textcnn-glue
 * then trains for real, in seconds.
 */
final class Dashboard implements AutoCloseable {
    final Path home;
    final EmbeddedFramework framework;
    final Store store;
    final Realizer realizer;
    final String token;
    final URI base;

    private Dashboard(Path home, EmbeddedFramework framework, String token, int port) throws Exception {
        this.home = home;
        this.framework = framework;
        this.token = token;
        this.base = URI.create("http://127.0.0.1:" + port);
        this.store = service(Store.class);
        this.realizer = service(Realizer.class);
    }

    static Path dist() {
        return Path.of(System.getProperty("stagedml.web.itest.dist", "../../distribution/target/stagedml")).toAbsolutePath().normalize();
    }

    static Path out() {
        return Path.of(System.getProperty("stagedml.web.itest.out", "target")).toAbsolutePath();
    }

    static Dashboard start(Path home) throws Exception {
        Path bundles = dist().resolve("bundle");
        if (!Files.isDirectory(bundles)) {
            throw new IllegalStateException("no distribution at " + bundles + " (build the distribution first)");
        }
        int port = freePort();
        String token = "test-token-" + Long.toHexString(System.nanoTime()) + "-0123456789";
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SharedPackages.systemPackagesExtra(SharedPackages.exportedPackages()));
        props.put("stagedml.web.port", Integer.toString(port));
        props.put("stagedml.web.token", token);
        Set<String> skipped = new HashSet<>(SharedPackages.HOST_PROVIDED_BUNDLES);
        skipped.addAll(SharedPackages.NOT_EMBEDDED);
        skipped.add("org.stagedml.dataset.glue");
        LaunchConfig config = new LaunchConfig(bundles, home, out().resolve("felix-cache"), props, List.of(), skipped);
        EmbeddedFramework fw = EmbeddedFramework.start(config);
        try {
            fw.bundleContext().registerService(Stage.class, new GeneratedGlueStage("generated SST-2 (stands in for GLUE)",
                    GeneratedGlueTask.classification("SST-2", List.of("0", "1"), false, (o, split, i, r) -> {
                        boolean positive = r.nextBoolean();
                        String[] good = {"great", "lovely", "superb", "fine"};
                        String[] bad = {"awful", "dull", "poor", "boring"};
                        String key = (positive ? good : bad)[r.nextInt(4)];
                        o.put("sentence1", "the movie was " + key + " and the plot " + (r.nextBoolean() ? "moved" : "dragged"));
                        if (!split.equals("test")) {
                            o.put("label", positive ? "1" : "0");
                        }
                    }).split("train", 240, 1).split("dev", 60, 2).split("test", 20, 3)), null);
            Dashboard d = new Dashboard(home, fw, token, port);
            d.awaitServing();
            return d;
        } catch (Exception | Error e) {
            fw.close();
            throw e;
        }
    }

    /** The sweeps service of the shell bundle. */
    Sweeper sweeper() throws InterruptedException {
        return service(Sweeper.class);
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceReference<?> ref = framework.awaitService("(objectClass=" + type.getName() + ")", Duration.ofSeconds(60));
        if (ref == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " service; bundles that failed: " + framework.startFailures());
        }
        return type.cast(framework.bundleContext().getService(ref));
    }

    /** Waits until a stage is registered (components come up asynchronously to the start). */
    void awaitStage(String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (realizer.stage(name).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        if (realizer.stage(name).isEmpty()) {
            throw new IllegalStateException("stage " + name + " did not register; failures: " + framework.startFailures());
        }
    }

    private void awaitServing() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (get("/ping", true).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the dashboard did not come up at " + base);
    }

    /** A plain HTTP GET, with the token in its header or without any. */
    HttpResponse<String> get(String path, boolean withToken) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (withToken) {
            b.header("X-StagedML-Token", token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("X-StagedML-Token", token).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The URL a user opens: with the token. */
    String url(String path) {
        return base + path + (path.contains("?") ? "&" : "?") + "token=" + token;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        framework.close();
    }
}
