package org.stagedml.model.transformer.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Generated files in the published formats the nl2bash and wmt stages fetch: NL2Bash's line-aligned
 * {@code all.nl}/{@code all.cm} holding an NL-to-bash-like task a tiny model can learn, a WMT training
 * archive ({@code training/news-commentary-v9.de-en.{de,en}}) and WMT19's {@code dev.tgz}
 * (newstest2013 as text, newstest2014 as SGML).
 */
final class PublishedTranslationFiles {
    /** Description and command templates; {@code W} is a generated name. */
    static final String[][] TEMPLATES = {
        {"list files in /home/W", "ls /home/W"},
        {"find files named W.txt", "find . -name W.txt"},
        {"count lines in W.log", "wc -l W.log"},
        {"delete the file W.tmp", "rm W.tmp"},
        {"show the first lines of W.csv", "head W.csv"},
        {"search for W in all files", "grep -r W ."},
    };
    private static final String[] SYLLABLES = {"ba", "ko", "mi", "tu", "ne", "ra", "so", "li", "de", "fu", "ga", "po"};

    private PublishedTranslationFiles() {
    }

    /** Every two-syllable name (144), in a seeded order. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String a : SYLLABLES) {
            for (String b : SYLLABLES) {
                names.add(a + b);
            }
        }
        Collections.shuffle(names, new Random(7));
        return names;
    }

    static String description(int template, String name) {
        return TEMPLATES[template][0].replace("W", name);
    }

    static String command(int template, String name) {
        return TEMPLATES[template][1].replace("W", name);
    }

    /** all.nl and all.cm: every template with every name (864 distinct pairs), LF line ends, UTF-8. */
    static byte[][] nl2bash() {
        StringBuilder nl = new StringBuilder();
        StringBuilder cm = new StringBuilder();
        for (String name : names()) {
            for (int t = 0; t < TEMPLATES.length; t++) {
                nl.append(description(t, name)).append('\n');
                cm.append(command(t, name)).append('\n');
            }
        }
        return new byte[][] {nl.toString().getBytes(StandardCharsets.UTF_8), cm.toString().getBytes(StandardCharsets.UTF_8)};
    }

    static String german(int i) {
        return "Der Satz " + i + " auf Deutsch.";
    }

    static String english(int i) {
        return "The sentence " + i + " in English.";
    }

    /** training-parallel-nc-v9.tgz with its de-en pair of n lines (and a README, as the archive has). */
    static byte[] newsCommentary(int n) throws IOException {
        StringBuilder de = new StringBuilder();
        StringBuilder en = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            de.append(german(i)).append('\n');
            en.append(english(i)).append('\n');
        }
        return tgz("training/", "", "training/README", "generated\n", "training/news-commentary-v9.de-en.de", de.toString(),
                "training/news-commentary-v9.de-en.en", en.toString());
    }

    /** WMT19's dev.tgz: newstest2013 (n lines of text) in de and en, newstest2014 de-en (n segments of SGML). */
    static byte[] devArchive(int n) throws IOException {
        StringBuilder de = new StringBuilder();
        StringBuilder en = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            de.append(german(1000 + i)).append('\n');
            en.append(english(1000 + i)).append('\n');
        }
        return tgz("dev/", "", "dev/newstest2013.de", de.toString(), "dev/newstest2013.en", en.toString(),
                "dev/newstest2014-deen-src.de.sgm", sgm("srcset", n, true), "dev/newstest2014-deen-ref.en.sgm", sgm("refset", n, false));
    }

    private static String sgm(String set, int n, boolean german) {
        StringBuilder b = new StringBuilder("<" + set + " setid=\"newstest2014\" srclang=\"any\">\n"
                + "<doc sysid=\"ref\" docid=\"doc1\" genre=\"news\" origlang=\"en\">\n<p>\n");
        for (int k = 1; k <= n; k++) {
            b.append("<seg id=\"").append(k).append("\">").append(german ? german(2000 + k) : english(2000 + k)).append("</seg>\n");
        }
        return b.append("</p>\n</doc>\n</").append(set).append(">\n").toString();
    }

    /** A .tgz of (name, content) pairs; a name ending in '/' is a folder. */
    private static byte[] tgz(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (int i = 0; i < entries.length; i += 2) {
                byte[] content = entries[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(entries[i]);
                e.setSize(content.length);
                t.putArchiveEntry(e);
                t.write(content);
                t.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }
}
