package org.stagedml.dataset.translation.internal;

import java.util.Set;
import org.stagedml.api.stage.Dependency;

/**
 * One published WMT training archive: a {@code .tgz} holding, per language pair {@code xx-en}, two
 * line-aligned text files.
 *
 * @param name the name in the {@code corpora} field (TensorFlow Datasets' subset name)
 * @param url where the archive is
 * @param sha256 its sha256
 * @param entry the path of a file inside the archive, {@code {xx}} the non-English language and
 *        {@code {lang}} the file's language, e.g. {@code training/europarl-v7.{xx}-en.{lang}}
 * @param languages the non-English languages it pairs with English
 */
public record WmtCorpus(String name, String url, String sha256, String entry, Set<String> languages) {
    String entry(String xx, String lang) {
        return entry.replace("{xx}", xx).replace("{lang}", lang);
    }

    Dependency dependency() {
        return Nl2BashSources.fetch(url, sha256);
    }
}
