package org.stagedml.dataset.fetch.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code fetchlocal path=/abs/file sha256=...}: copies a local file into the store after checking
 * its checksum (a Debian package's data file, a download made by hand). Same fields and output as
 * {@code fetchurl}, with {@code path} instead of {@code url}.
 */
@Component(service = Stage.class)
@StageProperties(name = FetchLocalStage.NAME, version = 1,
        description = "copies a local file into the store after checking its sha256 (or md5/sha1); optionally unpacks it")
public class FetchLocalStage implements Stage {
    public static final String NAME = "fetchlocal";
    static final String PATH = "path";
    private static final ConfigSchema SCHEMA;

    static {
        List<FieldSpec> f = new ArrayList<>();
        f.add(FieldSpec.required(PATH, FieldType.STRING, "the absolute path of the file to copy in"));
        f.addAll(FetchFields.checksumFields());
        f.add(FetchFields.nameField("the file's own name"));
        f.add(FetchFields.unpackField());
        SCHEMA = ConfigSchema.of(f);
    }

    /** The Log Service's logger for this component, while one is bound (optional: tests run without). */
    @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    volatile Logger logger;
    private final FetchLog log = new FetchLog(() -> logger);

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        validate(config);
        return Map.of();
    }

    @Override
    public List<String> promises(Config config) {
        return config.getBoolean(FetchFields.UNPACK) ? List.of() : List.of(fileName(config));
    }

    /** The file name in the realization: {@code name}, else the source file's own name. */
    public static String fileName(Config config) {
        String name = config.has(FetchFields.NAME) ? config.getString(FetchFields.NAME) : "";
        if (!name.isEmpty()) {
            return FileNames.check(NAME, name);
        }
        Path p = Path.of(config.getString(PATH)).getFileName();
        return FileNames.sanitize(p == null ? "" : p.toString());
    }

    private static Checksum validate(Config config) {
        String path = config.getString(PATH);
        if (!Path.of(path).isAbsolute()) {
            throw new ConfigException("stage 'fetchlocal': path must be absolute, got '" + path + "'");
        }
        fileName(config);
        return FetchFields.checksum(NAME, config);
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        Checksum expected = validate(c);
        Path source = Path.of(c.getString(PATH));
        if (!Files.isRegularFile(source)) {
            throw new StagedmlException("fetchlocal: " + source + " is not a readable file"
                    + (Files.exists(source) ? "" : " (it does not exist)"));
        }
        String name = fileName(c);
        Path part = Delivery.partFile(b, name);
        b.log("copying " + source + (expected == null ? " (no checksum: insecure=true)" : " expecting " + expected));
        b.progress(0, "copying " + name);
        Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
        b.checkCancelled();
        Delivery.deliver(b, source.toString(), part, name, expected, c.getBoolean(FetchFields.UNPACK), log);
    }
}
