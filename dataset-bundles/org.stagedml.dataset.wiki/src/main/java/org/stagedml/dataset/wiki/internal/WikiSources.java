package org.stagedml.dataset.wiki.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.ConfigException;
import org.stagedml.api.stage.Dependency;

/**
 * Where the Wikipedia dumps come from: language -> the pages-articles dump's URL and checksum.
 *
 * <p>Both entries are the dumps the original StagedML fetched (repository stagedml/stagedml,
 * {@code src/stagedml/stages/all.py}: {@code all_fetchenwiki} and {@code all_fetchruwiki} call
 * {@code fetchwiki} of {@code src/stagedml/stages/fetchwiki.py}, which builds the URL
 * {@code https://dumps.wikimedia.org/<wiki>/20200301/<wiki>-20200301-pages-articles.xml.bz2}); the
 * checksums are the sha1 values given there (Wikimedia publishes sha1 and md5 for its dumps, in the
 * dump's {@code dumpstatus.json} and {@code sha1sums} files, no sha256). dumps.wikimedia.org keeps only
 * its recent dumps, so a user may name another with {@code url=} and its {@code sha1=} (see
 * {@link WikiDumpStage}).
 *
 * @param dumps language -> dump
 */
public record WikiSources(Map<String, Dump> dumps) {
    /**
     * One published dump.
     *
     * @param url where it is
     * @param algorithm the checksum's algorithm as fetchurl names it (sha1 or sha256)
     * @param checksum the hex digest
     */
    public record Dump(String url, String algorithm, String checksum) {
    }

    private static final String DUMPS = "https://dumps.wikimedia.org/";

    public WikiSources {
        dumps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dumps));
    }

    public static WikiSources official() {
        Map<String, Dump> m = new LinkedHashMap<>();
        // stagedml/stagedml all.py all_fetchenwiki: dumpname='enwiki', dumpdate='20200301', sha1=852dfec9...
        m.put("en", new Dump(DUMPS + "enwiki/20200301/enwiki-20200301-pages-articles.xml.bz2", "sha1",
                "852dfec9eba3c4d5ec259e60dca233b6a777a05e"));
        // stagedml/stagedml all.py all_fetchruwiki: dumpname='ruwiki', dumpdate='20200301', sha1=9f522ccf...
        m.put("ru", new Dump(DUMPS + "ruwiki/20200301/ruwiki-20200301-pages-articles.xml.bz2", "sha1",
                "9f522ccf2931497e99a12d001a3bc7910f275519"));
        return new WikiSources(m);
    }

    /** The languages the catalogue has a dump of. */
    public List<String> languages() {
        return List.copyOf(dumps.keySet());
    }

    /** The catalogue's dump of a language; ConfigException naming the ones there are. */
    Dump dump(String language) {
        Dump d = dumps.get(language);
        if (d == null) {
            throw new ConfigException("stage 'wikidump': no dump of language '" + language + "' in the catalogue (it has "
                    + languages() + "); give url=<the dump's URL> and sha1=<its sha1>");
        }
        return d;
    }

    /** The fetchurl dependency of a dump. */
    static Dependency fetch(Dump d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("url", d.url());
        o.put(d.algorithm(), d.checksum());
        return Dependency.on("fetchurl", o);
    }
}
