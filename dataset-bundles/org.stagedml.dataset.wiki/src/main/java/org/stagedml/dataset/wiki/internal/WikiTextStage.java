package org.stagedml.dataset.wiki.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.Resources;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code wikitext}: the plain text of the articles of a Wikipedia dump (dependency {@code dump}:
 * {@code wikidump} by default, {@code dump.language=ru} for the Russian one) in the text-lines layout
 * ({@link DataLayouts#TEXT_LINES}): markup removed ({@link WikiMarkup}), split into sentences
 * ({@link SentenceSplitter}), one per line, a blank line after each article. Redirects, pages outside the
 * article namespace and disambiguation pages are skipped; sentences of fewer than
 * {@code min_sentence_words} words are dropped, then articles with fewer than
 * {@code min_document_sentences} sentences; {@code max_articles} stops early, for trials.
 */
@Component(service = Stage.class)
@StageProperties(name = WikiTextStage.NAME, version = 1,
        description = "the plain text of a Wikipedia dump's articles, one sentence per line, a blank line between articles")
public class WikiTextStage implements Stage {
    public static final String NAME = "wikitext";
    static final String DUMP = "dump";
    private static final Pattern DISAMBIGUATION = Pattern.compile(
            "\\{\\{\\s*(?:disambig\\w*|dab|hndis|geodis|неоднозначность|многозначность)\\s*[|}]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern REDIRECT = Pattern.compile("^\\s*#(?:redirect|перенаправление)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Threads cleaning articles while the build's thread reads the dump (results do not depend on it). */
    static final int WORKERS = Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors() - 1));
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.stage(DUMP, WikiDumpStage.NAME, List.of(WikiDumpStage.LAYOUT),
                    "the stage of the dump: wikidump (dump.language=en|ru)"),
            FieldSpec.integer("max_articles", 0, "stop after this many articles written (0: all), for trials"),
            FieldSpec.integer("min_sentence_words", 3, "drop sentences of fewer words (white-space separated)"),
            FieldSpec.integer("min_document_sentences", 1, "drop articles left with fewer sentences"),
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
    public java.util.Map<String, org.stagedml.api.stage.Dependency> dependencies(Config config) {
        validate(config);
        return java.util.Map.of();
    }

    static void validate(Config c) {
        for (String f : List.of("max_articles", "min_sentence_words", "min_document_sentences")) {
            if (c.getLong(f) < 0) {
                throw new ConfigException("stage '" + NAME + "': " + f + " must be 0 or more, got " + c.getLong(f));
            }
        }
        TextParts.checkPartMb(NAME, c);
    }

    /** The reading thread and the workers. */
    @Override
    public Resources resources(Config config) {
        return Resources.DEFAULT.withCpus(WORKERS + 1);
    }

    @Override
    public List<String> promises(Config config) {
        return TextParts.OUTPUTS;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        validate(c);
        Path dir = b.dependencyPath(DUMP);
        JsonNode info = Files.isRegularFile(dir.resolve(WikiDumpStage.INFO))
                ? Json.mapper().readTree(dir.resolve(WikiDumpStage.INFO).toFile()) : Json.mapper().createObjectNode();
        String language = info.path("language").asText("en");
        Path dump = dumpFile(b, info);
        long size = Files.size(dump);
        long max = c.getLong("max_articles");
        int minWords = c.getInt("min_sentence_words");
        int minSentences = c.getInt("min_document_sentences");
        SentenceSplitter splitter = new SentenceSplitter(language);
        long[] counts = new long[3]; // pages, articles, articles too short: counted in dump order
        b.log("wikitext: reading " + dump.getFileName() + " (" + language + ", " + size + " bytes) with " + WORKERS
                + " worker threads");
        try (DumpReader reader = new DumpReader(dump); TextParts parts = TextParts.open(NAME, b.out(), c)) {
            new OrderedPipeline<DumpReader.Page, List<String>>(WORKERS, 64,
                    p -> isArticle(p) ? sentences(p, splitter, minWords) : null).run(reader::next, sentences -> {
                        if (max > 0 && parts.documents() >= max) {
                            return false;
                        }
                        b.checkCancelled();
                        if (++counts[0] % 1000 == 0) {
                            long read = reader.bytesRead();
                            b.progress(read > 0 ? (double) read / size : 0, counts[0] + " pages, " + parts.documents()
                                    + " articles written");
                        }
                        if (sentences != null) {
                            counts[1]++;
                            if (sentences.isEmpty() || sentences.size() < minSentences) {
                                counts[2]++;
                            } else {
                                parts.document(sentences);
                            }
                        }
                        return true;
                    });
            long pages = counts[0];
            long articles = counts[1];
            long skipped = counts[2];
            ObjectNode extra = Json.mapper().createObjectNode();
            extra.put("dump", dump.getFileName().toString());
            extra.put("pages", pages);
            extra.put("articles", articles);
            extra.put("articles_too_short", skipped);
            parts.finish(b.out(), language, extra, dump.getFileName().toString(), "no article was left with a sentence;"
                    + " check that it is a pages-articles dump, or lower min_sentence_words and min_document_sentences");
            b.log(String.format("wikitext: %d pages, %d articles, %d written (%d sentences), %d too short", pages, articles,
                    parts.documents(), parts.sentences(), skipped));
        }
        b.progress(1, "done");
    }

    /** Whether a page is an article: of the main namespace, no redirect, no disambiguation page. */
    static boolean isArticle(DumpReader.Page p) {
        return p.ns() == 0 && !p.redirect() && !REDIRECT.matcher(p.text()).find() && !DISAMBIGUATION.matcher(p.text()).find();
    }

    /** An article's sentences of at least {@code minWords} words, in order. */
    static List<String> sentences(DumpReader.Page p, SentenceSplitter splitter, int minWords) {
        List<String> sentences = new ArrayList<>();
        for (String paragraph : WikiMarkup.paragraphs(p.text())) {
            for (String s : splitter.split(paragraph)) {
                if (words(s) >= minWords) {
                    sentences.add(s);
                }
            }
        }
        return sentences;
    }

    /** The dump file: dump.json's {@code file}, else the one .xml.bz2 or .xml there is. */
    private static Path dumpFile(BuildContext b, JsonNode info) throws IOException {
        Path dir = b.dependencyPath(DUMP);
        if (info.hasNonNull("file")) {
            return dir.resolve(info.get("file").asText());
        }
        List<Path> xml = b.dependencyFiles(DUMP).stream()
                .filter(f -> f.toString().endsWith(".xml.bz2") || f.toString().endsWith(".xml")).toList();
        if (xml.size() != 1) {
            throw new StagedmlException("wikitext: the dump " + dir + " holds " + xml.size()
                    + " .xml.bz2/.xml files; it should hold one MediaWiki XML dump");
        }
        return dir.resolve(xml.get(0));
    }

    static int words(String s) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            boolean w = !Character.isWhitespace(s.charAt(i));
            if (w && !in) {
                n++;
            }
            in = w;
        }
        return n;
    }
}
