package org.stagedml.dataset.translation.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.stagedml.api.stage.Dependency;

/**
 * Where the WMT data come from. Training corpora: the WMT14 archives (the sha256 of europarl_v7,
 * commoncrawl and newscommentary_v9 as TensorFlow Datasets publishes them in
 * {@code url_checksums/wmt14_translate.txt}; europarl_v7's and commoncrawl's are also the original
 * StagedML's, {@code stages/fetchwmt.py}) and news-commentary v12, which the original StagedML trained
 * on (its sha256 from {@code fetchwmt.py}). Dev and test: WMT19's {@code dev.tgz}, which holds
 * newstest2013 as plain text and newstest2014 (the full 3003-sentence set) as SGML, the files TFDS's
 * wmt14_translate reads (sha256 from the same TFDS file).
 *
 * @param corpora name -> training archive
 * @param newstestUrl URL of the archive with newstest2013 and newstest2014
 * @param newstestSha256 its sha256
 */
public record WmtSources(Map<String, WmtCorpus> corpora, String newstestUrl, String newstestSha256) {
    /** The dependency field of the dev/test archive. */
    static final String NEWSTEST = "newstest";

    public static WmtSources official() {
        Map<String, WmtCorpus> c = new LinkedHashMap<>();
        add(c, new WmtCorpus("europarl_v7", "http://www.statmt.org/wmt13/training-parallel-europarl-v7.tgz",
                "0224c7c710c8a063dfd893b0cc0830202d61f4c75c17eb8e31836103d27d96e7", "training/europarl-v7.{xx}-en.{lang}",
                Set.of("de")));
        add(c, new WmtCorpus("commoncrawl", "http://www.statmt.org/wmt13/training-parallel-commoncrawl.tgz",
                "c7a74e2ea01ac6c920123108627e35278d4ccb5701e15428ffa34de86fa3a9e5", "commoncrawl.{xx}-en.{lang}",
                Set.of("de", "ru")));
        add(c, new WmtCorpus("newscommentary_v9", "http://www.statmt.org/wmt14/training-parallel-nc-v9.tgz",
                "cb8953f292298e6877ae433c98912b927cb0766b303f4540512ddd286c748485",
                "training/news-commentary-v9.{xx}-en.{lang}", Set.of("de", "ru")));
        add(c, new WmtCorpus("newscommentary_v12", "http://data.statmt.org/wmt17/translation-task/training-parallel-nc-v12.tgz",
                "2b45f30ef1d550d302fd17dd3a5cbe19134ccc4c2cf50c2dae534aee600101a2",
                "training/news-commentary-v12.{xx}-en.{lang}", Set.of("de", "ru")));
        return new WmtSources(c, "http://data.statmt.org/wmt19/translation-task/dev.tgz",
                "7a7deccf82ebb05ba508dba5eb21356492224e8f630ec4f992132b029b4b25e7");
    }

    private static void add(Map<String, WmtCorpus> c, WmtCorpus corpus) {
        c.put(corpus.name(), corpus);
    }

    Dependency newstest() {
        return Nl2BashSources.fetch(newstestUrl, newstestSha256);
    }

    /** newstest2013, plain text: one file per language. */
    static String devEntry(String lang) {
        return "dev/newstest2013." + lang;
    }

    /** newstest2014 in SGML: the {@code xx} side ("src") and the English side ("ref") of the xx-en set. */
    static String testEntry(String xx, String lang) {
        return lang.equals("en") ? "dev/newstest2014-" + xx + "en-ref.en.sgm" : "dev/newstest2014-" + xx + "en-src." + xx + ".sgm";
    }
}
