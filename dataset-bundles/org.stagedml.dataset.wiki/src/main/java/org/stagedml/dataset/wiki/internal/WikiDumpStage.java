package org.stagedml.dataset.wiki.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code wikidump language=en}: a Wikipedia pages-articles XML dump ({@code .xml.bz2}), fetched by a
 * {@code fetchurl} dependency ({@code file}) with the catalogue's checksum ({@link WikiSources}), or
 * another dump named by {@code url} with its {@code sha1} or {@code sha256}. Its realization holds the
 * dump file (a hard link to the fetched one where the filesystem allows: dumps are many gigabytes) and
 * {@code dump.json} ({@code language}, {@code file}, {@code url}): the {@link #LAYOUT} that
 * {@code wikitext} reads.
 */
@Component(service = Stage.class)
@StageProperties(name = WikiDumpStage.NAME, version = 1,
        description = "a Wikipedia pages-articles XML dump (.xml.bz2, English or Russian) fetched with its checksum")
public class WikiDumpStage implements Stage {
    public static final String NAME = "wikidump";
    /**
     * The layout of a MediaWiki dump: one {@code *.xml.bz2} (or {@code *.xml}) file holding a MediaWiki
     * XML export, and {@code dump.json} with at least {@code language} and {@code file}.
     */
    public static final String LAYOUT = "mediawiki-xml";
    static final String INFO = "dump.json";
    static final String FILE = "file";

    private final WikiSources sources;
    private final ConfigSchema schema;

    public WikiDumpStage() {
        this(WikiSources.official());
    }

    public WikiDumpStage(WikiSources sources) {
        this.sources = sources;
        this.schema = ConfigSchema.of(
                FieldSpec.choice("language", "en", sources.languages(), "the Wikipedia: en (English) or ru (Russian)"),
                FieldSpec.string("url", "", "another pages-articles dump than the catalogue's (e.g. a newer one); needs sha1 or sha256"),
                FieldSpec.string("sha1", "", "the sha1 of the url's dump, as Wikimedia publishes it (dumpstatus.json, sha1sums)"),
                FieldSpec.string("sha256", "", "or its sha256"));
    }

    @Override
    public ConfigSchema schema() {
        return schema;
    }

    @Override
    public List<String> provides() {
        return List.of(LAYOUT);
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        return Map.of(FILE, WikiSources.fetch(dump(config)));
    }

    private WikiSources.Dump dump(Config c) {
        String url = c.getString("url").trim();
        String sha1 = c.getString("sha1").trim();
        String sha256 = c.getString("sha256").trim();
        if (url.isEmpty()) {
            if (!sha1.isEmpty() || !sha256.isEmpty()) {
                throw new ConfigException("stage 'wikidump': a checksum without url; give url=<the dump's URL> with it,"
                        + " or neither for the catalogue's dump of language " + c.getString("language"));
            }
            return sources.dump(c.getString("language"));
        }
        if (sha1.isEmpty() == sha256.isEmpty()) {
            throw new ConfigException("stage 'wikidump': url=" + url + " needs exactly one checksum, sha1=<hex> (as"
                    + " Wikimedia publishes it in the dump's sha1sums file) or sha256=<hex>");
        }
        return new WikiSources.Dump(url, sha1.isEmpty() ? "sha256" : "sha1", sha1.isEmpty() ? sha256 : sha1);
    }

    @Override
    public List<String> promises(Config config) {
        return List.of(INFO);
    }

    @Override
    public void build(BuildContext b) throws Exception {
        List<Path> files = b.dependencyFiles(FILE);
        if (files.size() != 1) {
            throw new StagedmlException("wikidump: the fetched realization " + b.dependencyPath(FILE) + " holds "
                    + files.size() + " files; it should hold the one dump file");
        }
        Path dump = b.dependencyPath(FILE).resolve(files.get(0));
        String name = dump.getFileName().toString();
        if (!name.endsWith(".xml.bz2") && !name.endsWith(".xml")) {
            throw new StagedmlException("wikidump: " + name + " is not a pages-articles dump (.xml.bz2 or .xml)");
        }
        b.progress(0, "taking " + name);
        link(dump, b.out().resolve(name));
        WikiSources.Dump d = dump(b.config());
        ObjectNode info = Json.mapper().createObjectNode();
        info.put("language", b.config().getString("language"));
        info.put("file", name);
        info.put("url", d.url());
        info.put(d.algorithm(), d.checksum());
        info.put("bytes", Files.size(dump));
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(b.out().resolve(INFO).toFile(), info);
        b.log("wikidump " + b.config().getString("language") + ": " + name + ", " + Files.size(dump) + " bytes");
        b.progress(1, "done");
    }

    /** A hard link where the filesystem allows (the fetched file is read-only and large), a copy otherwise. */
    static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (FileSystemException | UnsupportedOperationException e) {
            Files.deleteIfExists(to);
            Files.copy(from, to);
        }
    }
}
