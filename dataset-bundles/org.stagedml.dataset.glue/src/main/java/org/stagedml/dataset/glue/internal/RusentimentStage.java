package org.stagedml.dataset.glue.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.LocalInput;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code rusentiment path=<folder, archive or URL>}: the RuSentiment posts (VKontakte, Russian) in the
 * normalized GLUE layout ({@link DataLayouts#GLUE_JSONL}), single sentences with the five labels
 * negative, neutral, positive, skip, speech. As the original StagedML made it (rusent_tfrecords.py):
 * the random and the preselected posts together are shuffled (here with {@code seed}) and the last
 * {@code dev_fraction} of them is dev, the rest train; rusentiment_test.csv is test, labels kept.
 * {@code path} is a folder holding the three CSVs, or an archive of them (zip, tar, tar.gz; a local
 * one is checked and unpacked by {@code fetchlocal}), or an archive's URL with {@code path_sha256}.
 * The files are not published for download any more: see {@link RusentimentSources}.
 */
@Component(service = Stage.class)
@StageProperties(name = RusentimentStage.NAME, version = 1,
        description = "RuSentiment (Russian posts, 5 sentiment classes) in GLUE's normalized layout")
public class RusentimentStage implements Stage {
    public static final String NAME = "rusentiment";
    static final String PATH = "path";
    static final String ARCHIVE = "archive";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.path(PATH, "", "the RuSentiment files: a folder with the three CSVs, an archive of them (zip, tar,"
                    + " tar.gz), or its URL with path_sha256 (the dataset is given by its authors on request)"),
            FieldSpec.string(LocalInput.hashField(PATH), "", "sha256 of a URL's archive (computed for a local path)"),
            FieldSpec.number("dev_fraction", 0.1, "fraction of the random and preselected posts held out as dev"),
            FieldSpec.integer("seed", 1, "seed of the shuffle before the train/dev cut"));

    private final RusentimentSources files;

    public RusentimentStage() {
        this(RusentimentSources.files());
    }

    RusentimentStage(RusentimentSources files) {
        this.files = files;
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public List<String> provides() {
        return List.of(DataLayouts.GLUE_JSONL);
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("train.jsonl", "dev.jsonl", "test.jsonl", "task.json");
    }

    @Override
    public Map<String, Dependency> dependencies(Config c) {
        double f = c.getDouble("dev_fraction");
        if (!(f > 0 && f < 1)) {
            throw new ConfigException("stage '" + NAME + "': dev_fraction must be in (0, 1), got " + f);
        }
        String path = c.getString(PATH);
        String sha = c.getString(LocalInput.hashField(PATH));
        if (path.isBlank()) {
            throw new ConfigException("stage '" + NAME + "' needs the RuSentiment files: give path=<folder with "
                    + String.join(", ", files.all()) + "> or an archive of them (their authors give the dataset on"
                    + " request; github.com/text-machine-lab/rusentiment); through a model: data.path=...");
        }
        if (path.toLowerCase(Locale.ROOT).endsWith(".xz")) {
            throw new ConfigException("stage '" + NAME + "': " + path + " is xz-compressed, which the fetch stages do"
                    + " not unpack; decompress it first (xz -dk " + Path.of(path).getFileName() + ") and give the .tar");
        }
        Map<String, Object> o = new LinkedHashMap<>();
        if (LocalInput.isUrl(path)) {
            if (sha.isBlank()) {
                throw new ConfigException("stage '" + NAME + "': path is a URL; give its sha256 as path_sha256=<hex>");
            }
            o.put("url", path);
        } else if (Files.isDirectory(Path.of(path))) {
            return Map.of(); // read in place; its content hash is in the derivation
        } else {
            o.put("path", path);
        }
        o.put("sha256", sha);
        o.put("unpack", true);
        return Map.of(ARCHIVE, Dependency.on(LocalInput.isUrl(path) ? "fetchurl" : "fetchlocal", o));
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        Path root = root(b);
        if (RusentimentSources.ORIGINAL_ARCHIVE_SHA256.equals(c.getString(LocalInput.hashField(PATH)))) {
            b.log("the archive is the one the original StagedML declared (sha256 " + RusentimentSources.ORIGINAL_ARCHIVE_SHA256 + ")");
        } else {
            b.log("note: not the archive the original StagedML declared (sha256 " + RusentimentSources.ORIGINAL_ARCHIVE_SHA256
                    + "); its own hash is in the derivation");
        }
        Map<String, Long> skipped = new LinkedHashMap<>();
        List<Post> pool = new ArrayList<>(read(find(root, files.random()), skipped));
        pool.addAll(read(find(root, files.preselected()), skipped));
        List<Post> test = read(find(root, files.test()), skipped);
        b.checkCancelled();
        Collections.shuffle(pool, new Random(c.getLong("seed")));
        // the original cut at int(n * train_valid_ratio) with train_valid_ratio 0.9
        int cut = (int) Math.floor(pool.size() * (1 - c.getDouble("dev_fraction")));
        if (cut == 0 || cut == pool.size()) {
            throw new StagedmlException("rusentiment: " + pool.size() + " posts are too few for dev_fraction "
                    + c.getDouble("dev_fraction") + " to leave both train and dev non-empty");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("train", write(b.out().resolve("train.jsonl"), pool.subList(0, cut)));
        counts.put("dev", write(b.out().resolve("dev.jsonl"), pool.subList(cut, pool.size())));
        counts.put("test", write(b.out().resolve("test.jsonl"), test));
        ObjectNode t = Json.mapper().createObjectNode();
        t.put("task", NAME);
        t.put("type", "classification");
        RusentimentSources.LABELS.forEach(t.putArray("labels")::add);
        t.put("pair", false);
        ObjectNode n = t.putObject("counts");
        counts.forEach(n::put);
        ObjectNode s = t.putObject("skipped");
        skipped.forEach(s::put);
        Json.mapper().writeValue(b.out().resolve("task.json").toFile(), t);
        b.log("rusentiment: " + counts + (skipped.isEmpty() ? "" : ", skipped posts without text " + skipped));
        b.progress(1, "done");
    }

    /** One labelled post. */
    record Post(String text, String label) {
    }

    /** The folder the CSVs are under: the path itself, or the unpacked archive. */
    private static Path root(BuildContext b) throws IOException {
        String path = b.config().getString(PATH);
        if (!LocalInput.isUrl(path) && Files.isDirectory(Path.of(path))) {
            Path p = Path.of(path);
            String now = LocalInput.sha256(p);
            if (!now.equals(b.config().getString(LocalInput.hashField(PATH)))) {
                throw new StagedmlException(p + " changed after the derivation was made (sha256 " + now
                        + "); realize again to make a derivation of the new content");
            }
            return p;
        }
        return b.dependencyPath(ARCHIVE);
    }

    /** The one file of that name at most three folders down. */
    static Path find(Path root, String name) throws IOException {
        List<Path> found;
        try (Stream<Path> s = Files.find(root, 4, (p, a) -> a.isRegularFile() && p.getFileName().toString().equals(name)
                && !root.relativize(p).toString().startsWith("__MACOSX"))) {
            found = s.sorted().toList();
        }
        if (found.size() != 1) {
            throw new StagedmlException("rusentiment: " + (found.isEmpty() ? "no " + name : "several " + name + " " + found)
                    + " in the given files; give RuSentiment's folder or archive with rusentiment_random_posts.csv,"
                    + " rusentiment_preselected_posts.csv and rusentiment_test.csv");
        }
        return found.get(0);
    }

    /** The posts of one CSV (columns found by the header names label and text); posts without text are skipped. */
    static List<Post> read(Path file, Map<String, Long> skipped) throws IOException {
        String name = file.getFileName().toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new StagedmlException("rusentiment: " + name + " is not UTF-8; it is not RuSentiment's file");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Csv.Record> records = Csv.parse(text, name);
        if (records.isEmpty()) {
            throw new StagedmlException("rusentiment: " + name + " is empty");
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        int label = header.indexOf("label");
        int body = header.indexOf("text");
        if (label < 0 || body < 0) {
            throw new StagedmlException("rusentiment: " + name + " has the header " + header
                    + "; RuSentiment's CSVs have the columns label and text");
        }
        List<Post> posts = new ArrayList<>();
        for (Csv.Record r : records.subList(1, records.size())) {
            if (r.fields().size() != header.size()) {
                throw new StagedmlException("rusentiment: " + name + " line " + r.line() + " has " + r.fields().size()
                        + " fields, the header " + header.size());
            }
            String l = r.fields().get(label).strip();
            if (!RusentimentSources.LABELS.contains(l)) {
                throw new StagedmlException("rusentiment: " + name + " line " + r.line() + " has label '" + l
                        + "', not one of " + RusentimentSources.LABELS);
            }
            String t = r.fields().get(body);
            if (t.isBlank()) {
                skipped.merge(name, 1L, Long::sum);
                continue;
            }
            posts.add(new Post(t, l));
        }
        return posts;
    }

    private static long write(Path file, List<Post> posts) throws IOException {
        try (JsonlWriter w = new JsonlWriter(file)) {
            for (Post p : posts) {
                w.write(w.count(), p.text(), null, p.label());
            }
            return w.count();
        }
    }
}
