package org.stagedml.dataset.translation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.stagedml.api.Json;

/**
 * Generates the published formats: NL2Bash's line-aligned all.nl/all.cm, WMT training archives
 * (a .tgz of xx-en text file pairs under training/), and WMT19's dev.tgz with newstest2013 as text
 * and newstest2014 as SGML.
 */
final class TranslationFiles {
    /** Lines of all.nl and all.cm: 30 distinct pairs, then oddities (see {@link #nl2bash()}). */
    static final int NL2BASH_LINES = 34;

    private TranslationFiles() {
    }

    /**
     * all.nl and all.cm: 30 ordinary pairs (pair 3 with CRLF endings and padding, pair 5 with
     * non-ASCII text), then line 31 with an empty description, 32 with a blank command, 33 repeating
     * pair 1 exactly, 34 repeating pair 2's description with another command (kept).
     */
    static byte[][] nl2bash() {
        StringBuilder nl = new StringBuilder();
        StringBuilder cm = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            if (i == 3) {
                nl.append("  List files in directory 3 \r\n");
                cm.append("\tls -la /tmp/3  \r\n");
            } else if (i == 5) {
                nl.append("Find files named \"caf\u00e9\" \u2013 5\n");
                cm.append("find . -name 'caf\u00e9' | wc -l\n");
            } else {
                nl.append("Description number ").append(i).append('\n');
                cm.append("echo ").append(i).append(" | grep -v x\n");
            }
        }
        nl.append("\n").append("print the date\n").append("Description number 1\n").append("Description number 2\n");
        cm.append("echo orphan\n").append("   \n").append("echo 1 | grep -v x\n").append("echo two\n");
        return new byte[][] {nl.toString().getBytes(StandardCharsets.UTF_8), cm.toString().getBytes(StandardCharsets.UTF_8)};
    }

    /** A sentence of corpus c, line i, in a language. */
    static String sentence(String corpus, int i, String lang) {
        return switch (lang) {
            case "en" -> "The " + corpus + " sentence " + i + " in English.";
            case "de" -> "Der " + corpus + " Satz " + i + " auf Deutsch, gr\u00fc\u00dfe.";
            case "ru" -> "\u041f\u0440\u0435\u0434\u043b\u043e\u0436\u0435\u043d\u0438\u0435 " + corpus + " " + i + ".";
            default -> corpus + " " + i + " " + lang;
        };
    }

    /** Lines of a training file: n sentences, line 2 empty on the xx side only (skipped as a pair). */
    static String trainingFile(String corpus, int n, String lang, boolean blankSecond) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            b.append(i == 2 && blankSecond ? "" : sentence(corpus, i, lang)).append('\n');
        }
        return b.toString();
    }

    /**
     * A training archive like training-parallel-nc-v9.tgz: for each xx in {@code languages},
     * {@code <prefix>.xx-en.xx} and {@code <prefix>.xx-en.en} with n lines, plus a README; the
     * English side first for de, last for ru (archives list them either way).
     */
    static byte[] trainingArchive(String corpus, String prefix, int n, String... languages) throws IOException {
        List<String> entries = new ArrayList<>(List.of("training/", "", "training/README", "made for the test\n"));
        for (String xx : languages) {
            String en = prefix + "." + xx + "-en.en";
            String other = prefix + "." + xx + "-en." + xx;
            if (xx.equals("ru")) {
                entries.addAll(List.of(other, trainingFile(corpus, n, xx, true), en, trainingFile(corpus, n, "en", false)));
            } else {
                entries.addAll(List.of(en, trainingFile(corpus, n, "en", false), other, trainingFile(corpus, n, xx, true)));
            }
        }
        return tgz(entries.toArray(String[]::new));
    }

    /** newstest2013 line i. */
    static String dev(int i, String lang) {
        return sentence("newstest2013", i, lang);
    }

    /** newstest2014 segment k. */
    static String test(int k, String lang) {
        return sentence("newstest2014", k, lang) + (k == 2 ? " \"quoted\" & more" : "");
    }

    /** WMT19's dev.tgz: newstest2013 (4 lines) in en/de/ru, newstest2014 (5 segments, 2 docs) de-en and ru-en. */
    static byte[] devArchive() throws IOException {
        List<String> e = new ArrayList<>(List.of("dev/", ""));
        for (String lang : List.of("de", "en", "ru")) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= 4; i++) {
                b.append(dev(i, lang)).append('\n');
            }
            e.addAll(List.of("dev/newstest2013." + lang, b.toString()));
        }
        e.addAll(List.of("dev/newstest2012.en", "not used\n"));
        for (String xx : List.of("de", "ru")) {
            e.addAll(List.of("dev/newstest2014-" + xx + "en-src." + xx + ".sgm", sgm("srcset", xx, 5)));
            e.addAll(List.of("dev/newstest2014-" + xx + "en-ref.en.sgm", sgm("refset", "en", 5)));
        }
        return tgz(e.toArray(String[]::new));
    }

    /** A WMT SGML test set: two documents, segment 2 with extra inner whitespace. */
    static String sgm(String set, String lang, int segments) {
        StringBuilder b = new StringBuilder("<" + set + " setid=\"newstest2014\" srclang=\"any\""
                + (set.equals("refset") ? " trglang=\"" + lang + "\"" : "") + ">\n");
        for (int k = 1; k <= segments; k++) {
            if (k == 1 || k == 4) {
                if (k == 4) {
                    b.append("</p>\n</doc>\n");
                }
                b.append("<doc sysid=\"ref\" docid=\"doc").append(k).append("\" genre=\"news\" origlang=\"en\">\n<p>\n");
            }
            String text = test(k, lang);
            b.append("<seg id=\"").append(k).append("\">").append(k == 2 ? text.replace(" ", "  ") : text).append("</seg>\n");
        }
        return b.append("</p>\n</doc>\n</").append(set).append(">\n").toString();
    }

    /** A .tgz: pairs of name and content; a name ending in '/' is a folder. */
    static byte[] tgz(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < entries.length; i += 2) {
                byte[] content = entries[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(entries[i]);
                e.setSize(entries[i].endsWith("/") ? 0 : content.length);
                t.putArchiveEntry(e);
                t.write(content);
                t.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static List<JsonNode> lines(Path file) throws IOException {
        return Json.mapper().readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
    }
}
