package org.stagedml.web.itest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromium-driver (installed by .ci/run) driven by Selenium, headless, with a
 * fresh profile and without the background traffic a closed network refuses.
 */
final class Browser {
    private Browser() {
    }

    static Optional<Path> find(String... names) {
        for (String n : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path p = Path.of(dir, n);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test class, saying why, when Chromium or its driver is missing. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(find("chromium", "chromium-browser").isPresent() && find("chromedriver").isPresent(),
                "browser tests skipped: chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
    }

    static ChromeDriver start(Path profile) throws IOException {
        Files.createDirectories(profile);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(find("chromium", "chromium-browser").orElseThrow().toFile());
        o.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(find("chromedriver").orElseThrow().toFile()).usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return d;
    }

    /** Saves a screenshot of the page (up to 2400 pixels of it) under dir/name.png. */
    static Path screenshot(ChromeDriver d, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Dimension before = d.manage().window().getSize();
        Object height = d.executeScript("return document.documentElement.scrollHeight;");
        int h = height instanceof Number n ? Math.min(2400, Math.max(before.getHeight(), n.intValue() + 120)) : before.getHeight();
        d.manage().window().setSize(new Dimension(before.getWidth(), h));
        try {
            Files.write(file, d.getScreenshotAs(OutputType.BYTES));
        } finally {
            d.manage().window().setSize(before);
        }
        return file;
    }
}
