package org.stagedml.dataset.fetch.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.Matcher;
import org.stagedml.api.Matchers;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code fetchurl url=... sha256=...}: downloads a file, checks its checksum and keeps it at the
 * realization's root under {@code name} (byte-identical), or its unpacked contents with
 * {@code unpack=true}. Without a checksum it refuses unless {@code insecure=true}, which the
 * realization's metadata then records. Timeouts and retries come from Config Admin
 * ({@link FetchConfiguration}); they never change what is fetched, so they are not config fields.
 */
@Component(service = Stage.class, configurationPid = FetchConfiguration.PID)
@Designate(ocd = FetchConfiguration.class)
@StageProperties(name = FetchUrlStage.NAME, version = 1,
        description = "downloads a URL, checks its sha256 (or md5/sha1), keeps the file or its unpacked contents")
public class FetchUrlStage implements Stage {
    public static final String NAME = "fetchurl";
    static final String URL = "url";
    private static final ConfigSchema SCHEMA;

    static {
        List<FieldSpec> f = new ArrayList<>();
        f.add(FieldSpec.required(URL, FieldType.STRING, "the http(s) URL to download"));
        f.addAll(FetchFields.checksumFields());
        f.add(FetchFields.nameField("the URL's last path segment, decoded"));
        f.add(FetchFields.unpackField());
        SCHEMA = ConfigSchema.of(f);
    }

    private final FetchSettings settings;
    /** The Log Service's logger for this component, while one is bound (optional: tests run without). */
    @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    volatile Logger logger;
    private final FetchLog log = new FetchLog(() -> logger);

    /** For Declarative Services: settings from Config Admin (defaults without a configuration). */
    @Activate
    public FetchUrlStage(FetchConfiguration configuration) {
        this(FetchSettings.of(configuration));
    }

    public FetchUrlStage(FetchSettings settings) {
        this.settings = settings;
    }

    public FetchUrlStage() {
        this(FetchSettings.defaults());
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        validate(config);
        return Map.of();
    }

    /** Fetching is deterministic: one realization is all there should be. */
    @Override
    public Matcher defaultMatcher() {
        return Matchers.latest(1);
    }

    @Override
    public List<String> promises(Config config) {
        return config.getBoolean(FetchFields.UNPACK) ? List.of() : List.of(fileName(config));
    }

    /** The file name the fetched file gets: {@code name}, else from the URL. */
    public static String fileName(Config config) {
        String name = config.has(FetchFields.NAME) ? config.getString(FetchFields.NAME) : "";
        return name.isEmpty() ? FileNames.fromUrl(config.getString(URL)) : FileNames.check(NAME, name);
    }

    private static Checksum validate(Config config) {
        String url = config.getString(URL);
        if (!url.regionMatches(true, 0, "http://", 0, 7) && !url.regionMatches(true, 0, "https://", 0, 8)) {
            throw new org.stagedml.api.ConfigException("stage 'fetchurl': url must be http:// or https://, got '"
                    + url + "' (use fetchlocal for a local file)");
        }
        fileName(config);
        return FetchFields.checksum(NAME, config);
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        Checksum expected = validate(c);
        String url = c.getString(URL);
        String name = fileName(c);
        Path part = Delivery.partFile(b, name);
        Files.deleteIfExists(part);
        b.log("fetching " + url + (expected == null ? " (no checksum: insecure=true)" : " expecting " + expected));
        log.info("downloading {} for {}", url, b.dref());
        new HttpDownloader(settings).download(url, part, new HttpDownloader.Listener() {
            @Override
            public void progress(long done, long total) {
                String mib = String.format("%.1f", done / 1048576.0);
                if (total > 0) {
                    b.progress((double) done / total, name + ": " + mib + " of "
                            + String.format("%.1f", total / 1048576.0) + " MiB");
                } else {
                    b.progress(0, name + ": " + mib + " MiB");
                }
            }

            @Override
            public void log(String line) {
                b.log(line);
                log.warn("{} for {}: {}", url, b.dref(), line); // interruptions, resumes, restarts
            }

            @Override
            public boolean cancelled() {
                return b.cancelled();
            }
        });
        Delivery.deliver(b, url, part, name, expected, c.getBoolean(FetchFields.UNPACK), log);
    }
}
