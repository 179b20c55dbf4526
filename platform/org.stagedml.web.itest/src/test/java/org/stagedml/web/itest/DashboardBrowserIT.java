package org.stagedml.web.itest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.realize.RealizeOptions;
import org.stagedml.api.sweep.SweepResult;
import org.stagedml.api.sweep.SweepSpec;

/**
 * The dashboard in headless Chromium against a real Felix with the distribution's bundles and a
 * real store: three example-random realizations and two textcnn-glue trainings that differ in lr.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
    private static Dashboard dash;
    private static ChromeDriver browser;
    private static Path shots;
    private static List<RRef> randoms = new ArrayList<>();
    private static RRef fast;
    private static RRef slow;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        Path home = Files.createTempDirectory("stagedml-web-it");
        shots = Dashboard.out().resolve("screenshots");
        dash = Dashboard.start(home);
        dash.awaitStage("example-random");
        dash.awaitStage("textcnn-glue");
        for (int i = 0; i < 3; i++) {
            randoms.addAll(dash.realizer.realize(dash.realizer.instantiate("example-random", Map.of()),
                    RealizeOptions.defaults().withForce("example-random")));
        }
        Map<String, Object> small = Map.of("task", "SST-2", "epochs", 3, "batch", 32, "vocab", 200, "embed", 8, "filters", 8,
                "max_len", 16);
        Map<String, Object> fastLr = new java.util.HashMap<>(small);
        fastLr.put("lr", 0.01);
        fast = dash.realizer.realize(dash.realizer.instantiate("textcnn-glue", fastLr), RealizeOptions.defaults()).get(0);
        Map<String, Object> slowLr = new java.util.HashMap<>(small);
        slowLr.put("lr", 0.002);
        slow = dash.realizer.realize(dash.realizer.instantiate("textcnn-glue", slowLr), RealizeOptions.defaults()).get(0);
        browser = Browser.start(Dashboard.out().resolve("chromium-profile-" + System.nanoTime()));
        // the printed URL: the token in the query sets the cookie the later pages use
        browser.get(dash.url("/"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (dash != null) {
            dash.close();
        }
    }

    private static WebDriverWait waitUp(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    @Test
    @Order(1)
    void theStagesPageListsTheStages() throws Exception {
        browser.get(dash.base + "/");
        List<String> stages = browser.findElements(By.cssSelector("#stages tbody tr")).stream().map(r -> r.getAttribute("data-stage")).toList();
        assertTrue(stages.containsAll(List.of("example-random", "textcnn-glue", "glue")), stages.toString());
        Browser.screenshot(browser, shots, "dashboard-stages");
    }

    @Test
    @Order(2)
    void theRealizationsTableShowsTheRightRowsAndSortsByAMetric() throws Exception {
        browser.get(dash.base + "/stage/example-random");
        Set<String> rows = new HashSet<>();
        browser.findElements(By.cssSelector("#realizations tbody tr")).forEach(r -> rows.add(r.getAttribute("data-rref")));
        Set<String> expected = new HashSet<>();
        dash.store.realizationsOf("example-random").forEach(i -> expected.add(i.rref().toString()));
        assertEquals(expected, rows);
        assertEquals(3, rows.size());

        WebElement header = browser.findElement(By.cssSelector("#realizations th[data-metric='accuracy']"));
        int col = browser.findElements(By.cssSelector("#realizations thead th")).indexOf(header);
        header.click();
        List<Double> desc = column(col);
        List<Double> sorted = new ArrayList<>(desc);
        sorted.sort(Comparator.reverseOrder());
        assertEquals(sorted, desc, "after one click: highest accuracy first");
        header.click();
        List<Double> asc = column(col);
        sorted.sort(Comparator.naturalOrder());
        assertEquals(sorted, asc, "after a second click: lowest first");

        // the stage's matcher (best accuracy) marks the most accurate one
        RealizationInfo best = dash.store.realizationsOf("example-random").stream()
                .max(Comparator.comparingDouble(i -> i.metrics().get("accuracy"))).orElseThrow();
        List<WebElement> picked = browser.findElements(By.cssSelector("#realizations tr.picked"));
        assertEquals(1, picked.size());
        assertEquals(best.rref().toString(), picked.get(0).getAttribute("data-rref"));
        Browser.screenshot(browser, shots, "dashboard-stage");
    }

    private static List<Double> column(int col) {
        List<Double> values = new ArrayList<>();
        for (WebElement r : browser.findElements(By.cssSelector("#realizations tbody tr"))) {
            values.add(Double.parseDouble(r.findElements(By.tagName("td")).get(col).getAttribute("data-value")));
        }
        return values;
    }

    @Test
    @Order(3)
    void theTableFiltersByAConfigValue() {
        browser.get(dash.base + "/stage/textcnn-glue");
        assertEquals(2, browser.findElements(By.cssSelector("#realizations tbody tr")).size());
        new Select(browser.findElement(By.cssSelector("select.filter[data-field='lr']"))).selectByVisibleText("0.01");
        List<WebElement> shown = browser.findElements(By.cssSelector("#realizations tbody tr")).stream().filter(WebElement::isDisplayed).toList();
        assertEquals(1, shown.size());
        assertEquals(fast.toString(), shown.get(0).getAttribute("data-rref"));
    }

    @Test
    @Order(4)
    void compareShowsTheConfigDifferenceAndOneCurvePerRealization() throws Exception {
        browser.get(dash.base + "/stage/textcnn-glue");
        browser.findElements(By.cssSelector("#realizations tbody input[type=checkbox]")).forEach(WebElement::click);
        browser.findElement(By.id("compare")).click();
        waitUp(30).until(d -> d.getCurrentUrl().contains("/compare"));
        List<WebElement> diffs = browser.findElements(By.cssSelector("#compare tr.diff"));
        assertEquals(List.of("lr"), diffs.stream().map(d -> d.getAttribute("data-field")).toList());
        List<String> values = diffs.get(0).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertEquals(Set.of("0.01", "0.002"), new HashSet<>(values));
        // every curve chart drawn by uPlot, with one series per realization
        waitUp(30).until(d -> !d.findElements(By.cssSelector("div.chart[data-drawn]")).isEmpty());
        List<WebElement> charts = browser.findElements(By.cssSelector("div.chart"));
        assertFalse(charts.isEmpty());
        for (WebElement c : charts) {
            assertEquals("2", c.getAttribute("data-drawn"), c.getAttribute("data-metric"));
            assertFalse(c.findElements(By.tagName("canvas")).isEmpty());
            // the legend: the x series and one row per curve
            assertEquals(3, c.findElements(By.cssSelector(".u-legend .u-series")).size(), c.getAttribute("data-metric"));
        }
        Browser.screenshot(browser, shots, "dashboard-compare");
    }

    @Test
    @Order(5)
    void aRealizationPageDrawsItsDependenciesAndServesItsFiles() throws Exception {
        browser.get(dash.base + "/realization/" + fast);
        List<WebElement> nodes = browser.findElements(By.cssSelector("svg.dag a.dag-node"));
        assertEquals(2, nodes.size(), "textcnn-glue and the glue data it used");
        RRef glue = dash.store.realization(fast).orElseThrow().context().values().iterator().next().get(0);
        assertFalse(browser.findElements(By.cssSelector("div.chart")).isEmpty(), "training curves");
        assertTrue(browser.findElement(By.id("log")).getText().contains("textcnn-glue"), "the build log");
        Browser.screenshot(browser, shots, "dashboard-realization");

        // a file's download link serves exactly the file
        WebElement link = browser.findElements(By.cssSelector("#files a.file")).stream()
                .filter(a -> a.getText().equals("metrics.json")).findFirst().orElseThrow();
        String href = URI.create(link.getAttribute("href")).getRawPath();
        HttpResponse<byte[]> file = dash.getBytes(href);
        assertEquals(200, file.statusCode());
        assertArrayEquals(Files.readAllBytes(dash.store.path(fast).resolve("metrics.json")), file.body());

        // the DAG's box for the dependency leads to the dependency's page
        browser.findElement(By.cssSelector("svg.dag a.dag-node[data-rref='" + glue + "']")).click();
        waitUp(30).until(d -> d.getCurrentUrl().endsWith("/realization/" + glue));
        assertEquals(glue.toString(), browser.findElement(By.id("rref")).getText());
    }

    @Test
    @Order(6)
    void theRealizeFormBuildsANewRealizationThatThenAppears() throws Exception {
        int before = dash.store.realizationsOf("example-random").size();
        browser.get(dash.base + "/stage/example-random");
        browser.findElement(By.cssSelector("details.realize summary")).click();
        WebElement seed = browser.findElement(By.id("cfg-seed"));
        seed.clear();
        seed.sendKeys("12345");
        browser.findElement(By.id("realize")).click();
        waitUp(30).until(d -> d.getCurrentUrl().contains("/builds"));
        // the builds page follows the job live (server-sent events) until its result appears
        WebElement result = waitUp(120).until(d -> d.findElements(By.cssSelector("section.job a.result-rref")).stream().findFirst().orElse(null));
        RRef built = RRef.parse(result.getText());
        assertTrue(browser.findElements(By.cssSelector("section.job td.state")).stream().anyMatch(s -> s.getText().equals("FINISHED")));
        Browser.screenshot(browser, shots, "dashboard-builds");
        assertEquals(before + 1, dash.store.realizationsOf("example-random").size());
        assertEquals(12345, dash.store.derivation(built.dref()).orElseThrow().config().getLong("seed"));

        browser.get(dash.base + "/stage/example-random");
        assertFalse(browser.findElements(By.cssSelector("#realizations tr[data-rref='" + built + "']")).isEmpty());
        assertEquals(built.dref(), dash.store.roots().get("last-example-random"));
    }

    @Test
    @Order(7)
    void pinAndUnpinAGcRoot() {
        RRef r = randoms.get(0);
        browser.get(dash.base + "/realization/" + r);
        String name = browser.findElement(By.cssSelector("#pin-form input[name=name]")).getAttribute("value");
        browser.findElement(By.id("pin")).click();
        waitUp(30).until(d -> !d.findElements(By.cssSelector(".root[data-root='" + name + "']")).isEmpty());
        assertEquals(r, dash.store.roots().get(name));
        browser.findElement(By.cssSelector("button.unpin")).click();
        waitUp(30).until(d -> d.findElements(By.cssSelector(".root[data-root='" + name + "']")).isEmpty());
        assertFalse(dash.store.roots().containsKey(name));
    }

    @Test
    @Order(8)
    void aRequestWithoutTheTokenIsRefused() throws Exception {
        assertEquals(401, dash.get("/", false).statusCode());
        assertEquals(401, dash.get("/stage/example-random", false).statusCode());
        assertEquals(200, dash.get("/", true).statusCode());
        // a fresh browser without the cookie sees the refusal, not the store
        ChromeDriver other = Browser.start(Dashboard.out().resolve("chromium-profile-other-" + System.nanoTime()));
        try {
            other.get(dash.base + "/stage/example-random");
            assertTrue(other.getPageSource().contains("needs the access token"), other.getPageSource());
            assertFalse(other.getPageSource().contains(randoms.get(0).toString()));
        } finally {
            other.quit();
        }
        // a write with the cookie alone (what a forged cross-site form would carry) is refused
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(dash.base.resolve("/actions/pin"))
                .header("Cookie", "stagedml-token-" + dash.base.getPort() + "=" + dash.token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("rref=" + randoms.get(0) + "&name=forged")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode());
        assertFalse(dash.store.roots().containsKey("forged"));
        // a rebound DNS name reaching 127.0.0.1 is refused
        HttpResponse<String> rebound = HttpClient.newHttpClient().send(HttpRequest.newBuilder(dash.base.resolve("/"))
                .header("X-StagedML-Token", dash.token).setHeader("Host", "evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertNotEquals(200, rebound.statusCode());
    }

    @Test
    @Order(9)
    void aDotDotPathIsRefused() throws Exception {
        String r = fast.toString();
        for (String bad : List.of("/files/" + r + "/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/files/" + r + "/../../../../etc/passwd",
                "/files/" + r + "/%2E%2E/%2E%2E/context.json", "/realization/..%2F..%2F..%2Fetc%2Fpasswd", "/files/..%2F..%2Fetc%2Fpasswd",
                "/files/" + r + "/_meta/build.log", "/files/" + r + "/context.json")) {
            HttpResponse<String> resp = dash.get(bad, true);
            assertNotEquals(200, resp.statusCode(), bad);
            assertFalse(resp.body().contains("root:x:0"), bad);
        }
        assertEquals(200, dash.get("/files/" + r + "/metrics.json", true).statusCode());
    }

    @Test
    @Order(10)
    void theSweepPageRanksASweepOfTheStoreMarksTheBestAndChartsTheMetricAgainstTheKey() throws Exception {
        Map<String, List<String>> grid = new java.util.LinkedHashMap<>();
        Map.of("task", "SST-2", "epochs", "3", "batch", "32", "vocab", "200", "embed", "8", "filters", "8", "max_len", "16")
                .forEach((k, v) -> grid.put(k, List.of(v)));
        grid.put("lr", List.of("0.002", "0.005", "0.01")); // two from the store, one trained now
        SweepResult sweep = dash.sweeper().sweep(SweepSpec.grid("textcnn-glue", grid), null);
        assertEquals(0, sweep.failures(), sweep.ranked().toString());

        // from the header to the list of sweeps, to the sweep
        browser.get(dash.base + "/");
        browser.findElement(By.cssSelector("header nav a[href='/sweeps']")).click();
        waitUp(30).until(d -> d.getCurrentUrl().endsWith("/sweeps"));
        browser.findElement(By.cssSelector("#sweeps tr[data-sweep='" + sweep.root() + "'] a")).click();
        waitUp(30).until(d -> d.getCurrentUrl().endsWith("/sweeps/" + sweep.root()));

        List<WebElement> rows = browser.findElements(By.cssSelector("#sweep-table tbody tr"));
        assertEquals(3, rows.size());
        assertEquals(List.of("lr"), browser.findElements(By.cssSelector("#sweep-table th.key")).stream()
                .map(h -> h.getAttribute("data-key")).toList(), "the one key that varies");
        // ranked as the sweep ranked, each mean the accuracy in the store, the best starred
        assertEquals(sweep.ranked().stream().map(o -> Integer.toString(o.point().index())).toList(),
                rows.stream().map(r -> r.getAttribute("data-index")).toList());
        for (WebElement r : rows) {
            RealizationInfo info = dash.store.realizations(org.stagedml.api.DRef.parse(r.getAttribute("data-dref"))).get(0);
            assertEquals(info.metrics().get("accuracy"), Double.parseDouble(r.findElement(By.cssSelector("td.mean")).getAttribute("data-value")));
            assertEquals("ok", r.findElement(By.cssSelector("td.status")).getText());
        }
        List<WebElement> best = browser.findElements(By.cssSelector("#sweep-table tr.best"));
        assertEquals(1, best.size());
        assertEquals(Integer.toString(sweep.best().orElseThrow().point().index()), best.get(0).getAttribute("data-index"));
        assertEquals(rows.get(0), best.get(0));
        // the metric against lr, drawn by uPlot
        WebElement chart = waitUp(30).until(d -> d.findElements(By.cssSelector("div.chart[data-drawn]")).stream()
                .filter(c -> "accuracy against lr".equals(c.getAttribute("data-metric"))).findFirst().orElse(null));
        assertEquals("1", chart.getAttribute("data-drawn"));
        assertFalse(chart.findElements(By.tagName("canvas")).isEmpty());
        Browser.screenshot(browser, shots, "dashboard-sweep");

        // sorting by the mean, lowest first, puts the best's mean last
        String bestMean = best.get(0).findElement(By.cssSelector("td.mean")).getAttribute("data-value");
        WebElement mean = browser.findElement(By.cssSelector("#sweep-table th.mean"));
        mean.click();
        mean.click();
        List<WebElement> asc = browser.findElements(By.cssSelector("#sweep-table tbody tr"));
        assertEquals("asc", mean.getAttribute("data-dir"));
        assertEquals(bestMean, asc.get(asc.size() - 1).findElement(By.cssSelector("td.mean")).getAttribute("data-value"));

        // ranked by another metric, lowest first
        new Select(browser.findElement(By.cssSelector("#rank-by select"))).selectByValue("loss:min");
        browser.findElement(By.cssSelector("#rank-by button")).click();
        waitUp(30).until(d -> d.getCurrentUrl().contains("metric=loss"));
        assertEquals("loss", browser.findElement(By.id("metric")).getAttribute("data-metric"));
        List<Double> losses = browser.findElements(By.cssSelector("#sweep-table td.mean")).stream()
                .map(c -> Double.parseDouble(c.getAttribute("data-value"))).toList();
        List<Double> sortedLosses = new ArrayList<>(losses);
        sortedLosses.sort(Comparator.naturalOrder());
        assertEquals(sortedLosses, losses);

        // the stage page links to its sweeps
        browser.get(dash.base + "/stage/textcnn-glue");
        browser.findElement(By.id("stage-sweeps")).click();
        waitUp(30).until(d -> d.getCurrentUrl().contains("/sweeps?stage=textcnn-glue"));
        assertFalse(browser.findElements(By.cssSelector("#sweeps tr[data-sweep='" + sweep.root() + "']")).isEmpty());
    }

    @Test
    @Order(11)
    void aSweepStartedFromTheStagePageShowsItsRankingWhenItEnds() throws Exception {
        Set<String> before = new HashSet<>(dash.store.roots().keySet());
        browser.get(dash.base + "/stage/example-random");
        browser.findElement(By.cssSelector("details.sweep summary")).click();
        browser.findElement(By.id("sweep-values")).sendKeys("seed=31,32,33");
        browser.findElement(By.id("sweep")).click();
        waitUp(30).until(d -> d.getCurrentUrl().contains("/sweeps"));
        // the page reloads itself until the sweep has ended, then links to it
        WebElement link = waitUp(120).until(d -> d.findElements(By.cssSelector("#runs a.sweep-link")).stream().findFirst().orElse(null));
        assertEquals("done", browser.findElement(By.cssSelector("#runs td.outcome")).getText());
        String root = link.getText();
        assertTrue(root.startsWith("sweep-example-random-"), root);
        assertFalse(before.contains(root));
        link.click();
        waitUp(30).until(d -> d.getCurrentUrl().endsWith("/sweeps/" + root));
        List<WebElement> rows = browser.findElements(By.cssSelector("#sweep-table tbody tr"));
        assertEquals(3, rows.size());
        assertEquals(List.of("seed"), browser.findElements(By.cssSelector("#sweep-table th.key")).stream()
                .map(h -> h.getAttribute("data-key")).toList());
        double top = Double.parseDouble(rows.get(0).findElement(By.cssSelector("td.mean")).getAttribute("data-value"));
        for (WebElement r : rows) {
            assertTrue(Double.parseDouble(r.findElement(By.cssSelector("td.mean")).getAttribute("data-value")) <= top);
        }
        assertEquals(dash.store.roots().get(root).toString(), browser.findElement(By.cssSelector("#sweep-table tr.best")).getAttribute("data-dref"));
        // a form with a key the stage does not have is refused at once, saying which
        browser.get(dash.base + "/stage/example-random");
        browser.findElement(By.cssSelector("details.sweep summary")).click();
        browser.findElement(By.id("sweep-values")).sendKeys("nope=1,2");
        browser.findElement(By.id("sweep")).click();
        waitUp(30).until(d -> !d.findElements(By.cssSelector("p.error")).isEmpty());
        assertTrue(browser.findElement(By.cssSelector("p.error")).getText().contains("nope"), browser.getPageSource());
    }
}
