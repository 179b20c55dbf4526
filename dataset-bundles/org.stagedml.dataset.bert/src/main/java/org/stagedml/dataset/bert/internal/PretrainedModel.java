package org.stagedml.dataset.bert.internal;

import java.util.Arrays;
import java.util.List;
import org.stagedml.api.ConfigException;

/**
 * The pretrained BERT checkpoints that {@code bert-checkpoint} offers, with the URLs and sha256 of
 * /work/shared/reference/catalog.tsv (as declared by the original StagedML stages): Google's four,
 * and DeepPavlov's RuBERT (the original's all_fetch_rubert in src/stagedml/stages/all.py: a tar.gz
 * in Google's TF1 checkpoint layout, cased, a vocabulary of about 120,000 Russian and English WordPieces).
 */
enum PretrainedModel {
    MINI("mini", "uncased_L-4_H-256_A-4", true,
            "https://storage.googleapis.com/bert_models/2020_02_20/uncased_L-4_H-256_A-4.zip",
            "5f087a0c6c73aed0b0a13f9a99dade56bece97d0594b713195821e031266fae9"),
    BASE("base", "uncased_L-12_H-768_A-12", true,
            "https://storage.googleapis.com/bert_models/2020_02_20/uncased_L-12_H-768_A-12.zip",
            "d15224e1e7d950fb9a8b29497ce962201dff7d27b379f5bfb4638b4a73540a04"),
    LARGE("large", "uncased_L-24_H-1024_A-16", true,
            "https://storage.googleapis.com/bert_models/2018_10_18/uncased_L-24_H-1024_A-16.zip",
            "f1999b33fa1f38ffe2d9b2871bdbb3d1ddf228f9077a70a7b2176b61cd46ddbc"),
    MULTI_CASED("multi-cased", "multi_cased_L-12_H-768_A-12", false,
            "https://storage.googleapis.com/bert_models/2018_11_23/multi_cased_L-12_H-768_A-12.zip",
            "60ec8d9a7c3cc1c15f6509a6cbe1a8d30b7f823b77cb7460f6d31383200aec9d"),
    RUBERT_CASED("rubert-cased", "rubert_cased_L-12_H-768_A-12_v2", false,
            "http://files.deeppavlov.ai/deeppavlov_data/bert/rubert_cased_L-12_H-768_A-12_v2.tar.gz",
            "c73145bfdbb91282fd12fe3943d2ddbbf86d1a0c6c810189cf8ec4ce13d6c0c1");

    final String key;
    /** The publisher's name for it, also the archive's base name. */
    final String googleName;
    final boolean doLowerCase;
    final String url;
    final String sha256;

    PretrainedModel(String key, String googleName, boolean doLowerCase, String url, String sha256) {
        this.key = key;
        this.googleName = googleName;
        this.doLowerCase = doLowerCase;
        this.url = url;
        this.sha256 = sha256;
    }

    /** The archive's file name: the base name with the URL's extension (.zip, or DeepPavlov's .tar.gz). */
    String archiveName() {
        return googleName + (url.endsWith(".tar.gz") ? ".tar.gz" : ".zip");
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(m -> m.key).toList();
    }

    static PretrainedModel of(String key) {
        for (PretrainedModel m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new ConfigException("unknown BERT model '" + key + "'; choose one of " + keys());
    }
}
