package org.stagedml.dataset.wiki.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.Json;
import org.stagedml.api.LocalInput;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code text-corpus path=<file or folder> language=en}: the user's own text, already one sentence per
 * line with a blank line between documents, in the text-lines layout ({@link DataLayouts#TEXT_LINES}).
 * A folder is read whole (its files in path order, hidden ones skipped); the content hash of the path goes
 * into the derivation at instantiate time, so an edited file makes a new derivation. Every line must be
 * UTF-8 (an error names the file and line otherwise); lines are normalized: a byte order mark and
 * {@code \r} dropped, white space trimmed, runs of blank lines made one, the end of each file ending its
 * last document.
 */
@Component(service = Stage.class)
@StageProperties(name = TextCorpusStage.NAME, version = 1,
        description = "your text files (one sentence per line, a blank line between documents) in the text-lines layout")
public class TextCorpusStage implements Stage {
    public static final String NAME = "text-corpus";
    static final String PATH = "path";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.required(PATH, FieldType.PATH, "a local text file, or a folder of them (read in path order)"),
            FieldSpec.string(LocalInput.hashField(PATH), "", "the content hash of path (computed at instantiate)"),
            FieldSpec.string("language", "en", "the language of the text, recorded in corpus.json (e.g. en, ru)"),
            TextParts.PART_MB_FIELD);

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public List<String> provides() {
        return List.of(DataLayouts.TEXT_LINES);
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        validate(config);
        return Map.of();
    }

    private static void validate(Config c) {
        if (LocalInput.isUrl(c.getString(PATH))) {
            throw new ConfigException("stage '" + NAME + "': path must be a local file or folder, got the URL "
                    + c.getString(PATH) + "; fetch it first (e.g. unpack url=... sha256=...) and give its folder");
        }
        if (c.getString(PATH).isBlank()) {
            throw new ConfigException("stage '" + NAME + "': give path=<a text file or a folder of them>");
        }
        TextParts.checkPartMb(NAME, c);
    }

    @Override
    public List<String> promises(Config config) {
        return TextParts.OUTPUTS;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        validate(c);
        Path root = Path.of(c.getString(PATH));
        String recorded = c.getString(LocalInput.hashField(PATH));
        String now = LocalInput.sha256(root);
        if (!recorded.isEmpty() && !now.equals(recorded)) {
            throw new StagedmlException(root + " changed after the derivation was made (sha256 " + now + ", recorded "
                    + recorded + "); realize again to make a derivation of the new content");
        }
        List<Path> files = files(root);
        long lines = 0;
        try (TextParts parts = TextParts.open(NAME, b.out(), c)) {
            for (int i = 0; i < files.size(); i++) {
                b.checkCancelled();
                Path f = files.get(i);
                b.progress((double) i / files.size(), "reading " + root.relativize(f));
                lines += copy(f, Files.isDirectory(root) ? root.relativize(f).toString() : f.toString(), parts, b);
            }
            ObjectNode extra = Json.mapper().createObjectNode();
            extra.put("inputs", files.size());
            extra.put("lines", lines);
            parts.finish(b.out(), c.getString("language"), extra, root.toString(),
                    "its files hold only blank lines; give files with one sentence per line");
            b.log(String.format("text-corpus: %d files, %d documents, %d sentences", files.size(), parts.documents(),
                    parts.sentences()));
        }
        b.progress(1, "done");
    }

    /** The files of a path: itself, or a folder's regular files in path order without hidden ones. */
    static List<Path> files(Path root) throws IOException {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> { // hidden files and folders (.git, .DS_Store) are no text
                        for (Path part : root.relativize(p)) {
                            if (part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    }).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new StagedmlException(root + " holds no files; give a text file or a folder of text files");
        }
        return files;
    }

    /** Copies one file's documents into the parts; returns the lines read. */
    private static long copy(Path file, String shownAs, TextParts parts, BuildContext b) throws IOException {
        List<String> document = new ArrayList<>();
        try (Utf8Lines in = new Utf8Lines(file, shownAs)) {
            for (String line; (line = in.next()) != null; ) {
                String t = line.strip();
                if (t.isEmpty()) {
                    parts.document(document);
                    document.clear();
                    if (in.number() % 100_000 == 0) {
                        b.checkCancelled();
                    }
                } else {
                    document.add(t);
                }
            }
            parts.document(document);
            return in.number();
        }
    }
}
