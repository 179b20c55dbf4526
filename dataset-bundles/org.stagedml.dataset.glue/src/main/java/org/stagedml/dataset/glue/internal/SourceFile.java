package org.stagedml.dataset.glue.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stagedml.api.stage.Dependency;

/**
 * One published file and its checksum: a URL (fetched by {@code fetchurl}) or a local path
 * (copied by {@code fetchlocal}).
 *
 * @param location the URL, or the absolute path
 * @param algorithm sha256, or md5/sha1 where that is all the publisher gives
 * @param checksum the hex digest
 */
public record SourceFile(String location, String algorithm, String checksum) {
    public boolean isUrl() {
        return location.startsWith("http://") || location.startsWith("https://");
    }

    /** The fetch dependency that brings this file into the store. */
    public Dependency dependency() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(isUrl() ? "url" : "path", location);
        o.put(algorithm, checksum);
        return Dependency.on(isUrl() ? "fetchurl" : "fetchlocal", o);
    }
}
