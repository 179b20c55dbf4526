package org.stagedml.web.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code bin/stagedml stage:web} as a user runs it: the URL first, serving until interrupted. */
class WebCommandIT {
    @Test
    void theOneShotCommandPrintsItsUrlFirstAndServesUntilInterrupted() throws Exception {
        Path launcher = Dashboard.dist().resolve("bin/stagedml");
        assertTrue(Files.isExecutable(launcher), "no launcher at " + launcher + " (build the distribution first)");
        int port = Dashboard.freePort();
        ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), "stage:web", "--port", Integer.toString(port)))
                .redirectErrorStream(true);
        Path home = Files.createTempDirectory("stagedml-web-cli");
        pb.environment().put("STAGEDML_HOME", home.toString());
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return "" + e;
                }
            }).get(120, TimeUnit.SECONDS);
            assertTrue(first != null && first.matches("http://127\\.0\\.0\\.1:" + port + "/\\?token=[A-Za-z0-9_-]{20,}"), "first line: " + first);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(first)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("example-random"), "the stages page lists the stages");
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, none.statusCode());
            // Ctrl-C (here SIGTERM, which runs the same shutdown path) ends the process and the server
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stage:web did not end when interrupted");
        } finally {
            p.destroyForcibly();
            // the command ran through the home's StagedML server: stop it
            ProcessBuilder stop = new ProcessBuilder(List.of(launcher.toString(), "--stop")).redirectErrorStream(true);
            stop.environment().put("STAGEDML_HOME", home.toString());
            stop.start().waitFor(60, TimeUnit.SECONDS);
        }
    }
}
