package org.stagedml.dataset.glue.internal;

import java.util.List;

/**
 * Where RuSentiment (Rogers et al., COLING 2018) comes from. Its authors no longer publish the files
 * for download (github.com/text-machine-lab/rusentiment keeps only the annotation guidelines; the
 * dataset is given on request), so there is no public URL and no published checksum: the user
 * gives the archive or folder, and its content hash goes into the derivation like any local input.
 * The original StagedML read the archive its {@code STAGEDML_RUSENTIMENT} named (rusentiment.tar.xz
 * in its devenv.sh) with sha256 {@value #ORIGINAL_ARCHIVE_SHA256} (src/stagedml/stages/fetchrusent.py
 * and all.py): the stage says in its log whether the given archive is that one.
 *
 * @param random the randomly sampled posts (train and dev)
 * @param preselected the posts preselected to hold more sentiment (train and dev)
 * @param test the test posts
 */
public record RusentimentSources(String random, String preselected, String test) {
    /** sha256 of the archive the original StagedML declared (fetchrusent.py, all.py). */
    public static final String ORIGINAL_ARCHIVE_SHA256 = "cbc02dfbfaee81eda1f192b5280f05fbda41fb1ab9952cb4d8f7b0ff227c968d";
    /** The five labels, sorted as the original's rusent_tfrecords.py sorts them (label ids in this order). */
    public static final List<String> LABELS = List.of("negative", "neutral", "positive", "skip", "speech");

    /** The three CSV files of the dataset (columns {@code label}, {@code text}). */
    public static RusentimentSources files() {
        return new RusentimentSources("rusentiment_random_posts.csv", "rusentiment_preselected_posts.csv",
                "rusentiment_test.csv");
    }

    List<String> all() {
        return List.of(random, preselected, test);
    }
}
