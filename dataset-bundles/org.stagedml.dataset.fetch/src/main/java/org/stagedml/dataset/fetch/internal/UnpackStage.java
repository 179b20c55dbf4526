package org.stagedml.dataset.fetch.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code unpack url=... sha256=...} (or {@code path=...}): the contents of an archive (zip, tar,
 * tar.gz, gz). The archive itself is a {@code fetchurl} (or {@code fetchlocal}) dependency under the
 * field {@code archive}, so it is kept in the store once, shared with every other user of the same
 * fetch. Unsafe entries (escaping the folder, absolute, links out of it) fail the build.
 */
@Component(service = Stage.class)
@StageProperties(name = UnpackStage.NAME, version = 1,
        description = "the unpacked contents of a fetched zip, tar, tar.gz or gz archive (links and paths out of it refused)")
public class UnpackStage implements Stage {
    public static final String NAME = "unpack";
    /** The dependency field holding the fetched archive. */
    public static final String ARCHIVE = "archive";
    private static final ConfigSchema SCHEMA;

    static {
        List<FieldSpec> f = new ArrayList<>();
        f.add(FieldSpec.string("url", "", "the archive's http(s) URL (fetched by fetchurl); give url or path"));
        f.add(FieldSpec.string("path", "", "the archive's absolute local path (copied by fetchlocal); give url or path"));
        f.addAll(FetchFields.checksumFields());
        f.add(FetchFields.nameField("from the URL or path; its extension tells the format when the bytes do not"));
        SCHEMA = ConfigSchema.of(f);
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        String url = config.getString("url");
        String path = config.getString("path");
        if (url.isEmpty() == path.isEmpty()) {
            throw new ConfigException("stage 'unpack' needs exactly one of url=<http(s) URL> or path=<absolute path>");
        }
        FetchFields.checksum(NAME, config);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(url.isEmpty() ? "path" : "url", url.isEmpty() ? path : url);
        for (String a : FetchFields.ALGORITHMS) {
            if (!config.getString(a).isEmpty()) {
                o.put(a, config.getString(a));
            }
        }
        if (config.getBoolean(FetchFields.INSECURE)) {
            o.put(FetchFields.INSECURE, true);
        }
        if (!config.getString(FetchFields.NAME).isEmpty()) {
            o.put(FetchFields.NAME, config.getString(FetchFields.NAME));
        }
        return Map.of(ARCHIVE, Dependency.on(url.isEmpty() ? FetchLocalStage.NAME : FetchUrlStage.NAME, o));
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Path archive = theFile(b);
        String name = archive.getFileName().toString();
        b.progress(0, "unpacking " + name);
        long n = new Unpacker(b::cancelled, b::reserved).unpack(archive, name, b.out());
        b.log("unpacked " + n + " files from " + name);
        b.progress(1, "unpacked " + n + " files");
    }

    /** The one file a fetch realization holds. */
    private static Path theFile(BuildContext b) throws IOException {
        List<Path> files = b.dependencyFiles(ARCHIVE);
        if (files.size() != 1) {
            throw new StagedmlException("unpack: expected one fetched file in " + b.dependencyPath(ARCHIVE) + ", found "
                    + files.size() + "; the archive dependency must be a fetch with unpack=false");
        }
        return b.dependencyPath(ARCHIVE).resolve(files.get(0));
    }
}
