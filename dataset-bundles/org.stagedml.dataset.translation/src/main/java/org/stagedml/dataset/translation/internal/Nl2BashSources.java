package org.stagedml.dataset.translation.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stagedml.api.stage.Dependency;

/**
 * Where NL2Bash comes from: the paired {@code all.nl} (English descriptions) and {@code all.cm} (bash
 * commands) of TellinaTool/nl2bash, {@code data/bash/}, at a pinned commit so the checksum holds.
 *
 * <p>The sha256 are the original StagedML's ({@code stagedml/stagedml},
 * {@code src/stagedml/stages/fetchnl2bash.py}, which copied the files from its nl2bash submodule), and
 * an independent project pins the same two digests for these URLs at commit d6b9f5b (12,607 lines each).
 *
 * @param nlUrl URL of all.nl
 * @param nlSha256 its sha256
 * @param cmUrl URL of all.cm
 * @param cmSha256 its sha256
 */
public record Nl2BashSources(String nlUrl, String nlSha256, String cmUrl, String cmSha256) {
    static final String NL = "nl";
    static final String CM = "cm";
    private static final String RAW = "https://raw.githubusercontent.com/TellinaTool/nl2bash/"
            + "d6b9f5bdff45621d190134e31ab63b7bf7002190/data/bash/";

    public static Nl2BashSources official() {
        return new Nl2BashSources(RAW + "all.nl", "1db0c529c350b463919624550b8f5882a97c42ad5051c7d49fbc496bc4e8b770",
                RAW + "all.cm", "3a72eaced7fa14a0938354cefc42b2dcafb2d47297102f1279086e18c3abe57e");
    }

    /** The fetchurl dependencies: field {@code nl} and field {@code cm}. */
    Map<String, Dependency> dependencies() {
        Map<String, Dependency> deps = new LinkedHashMap<>();
        deps.put(NL, fetch(nlUrl, nlSha256));
        deps.put(CM, fetch(cmUrl, cmSha256));
        return deps;
    }

    static Dependency fetch(String url, String sha256) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("url", url);
        o.put("sha256", sha256);
        return Dependency.on("fetchurl", o);
    }
}
