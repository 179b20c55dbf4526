package org.stagedml.dataset.squad.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stagedml.api.stage.Dependency;

/**
 * Where SQuAD 1.1 comes from: split name -> URL and sha256 (the URLs of the SQuAD explorer, the
 * sha256 as TensorFlow Datasets publishes them in {@code url_checksums/squad.txt}).
 *
 * @param urls split -> URL
 * @param sha256 split -> hex digest
 */
public record SquadSources(Map<String, String> urls, Map<String, String> sha256) {
    private static final String EXPLORER = "https://rajpurkar.github.io/SQuAD-explorer/dataset/";

    public static SquadSources official() {
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, String> sums = new LinkedHashMap<>();
        urls.put("train", EXPLORER + "train-v1.1.json");
        sums.put("train", "3527663986b8295af4f7fcdff1ba1ff3f72d07d61a20f487cb238a6ef92fd955");
        urls.put("dev", EXPLORER + "dev-v1.1.json");
        sums.put("dev", "95aa6a52d5d6a735563366753ca50492a658031da74f301ac5238b03966972c9");
        return new SquadSources(urls, sums);
    }

    /** The fetchurl dependency of a split's file. */
    Dependency dependency(String split) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("url", urls.get(split));
        o.put("sha256", sha256.get(split));
        return Dependency.on("fetchurl", o);
    }
}
