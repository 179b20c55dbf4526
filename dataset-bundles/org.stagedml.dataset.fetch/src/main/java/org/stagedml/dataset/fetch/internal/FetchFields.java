package org.stagedml.dataset.fetch.internal;

import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.FieldSpec;

/** The config fields every fetch stage shares: the checksum, {@code insecure}, {@code name}, {@code unpack}. */
final class FetchFields {
    static final String SHA256 = "sha256";
    static final String SHA1 = "sha1";
    static final String MD5 = "md5";
    static final String INSECURE = "insecure";
    static final String NAME = "name";
    static final String UNPACK = "unpack";
    static final List<String> ALGORITHMS = List.of(SHA256, SHA1, MD5);

    private FetchFields() {
    }

    static List<FieldSpec> checksumFields() {
        return List.of(
                FieldSpec.string(SHA256, "", "expected sha256 of the file (hex); give exactly one checksum"),
                FieldSpec.string(SHA1, "", "expected sha1, only where the publisher gives no sha256"),
                FieldSpec.string(MD5, "", "expected md5, only where the publisher gives no sha256"),
                FieldSpec.bool(INSECURE, false, "true: allow no checksum (recorded in the realization's metadata)"));
    }

    static FieldSpec nameField(String defaultDoc) {
        return FieldSpec.string(NAME, "", "file name in the realization (default: " + defaultDoc + ")");
    }

    static FieldSpec unpackField() {
        return FieldSpec.bool(UNPACK, false,
                "true: the realization holds the archive's contents (zip, tar, tar.gz, gz) instead of the file");
    }

    /**
     * The one checksum the config gives, or null where it gives none and {@code insecure=true}.
     * ConfigException for none (without insecure) or several.
     */
    static Checksum checksum(String stage, Config c) {
        List<Checksum> given = new ArrayList<>();
        for (String a : ALGORITHMS) {
            String v = c.has(a) ? c.getString(a).trim() : "";
            if (!v.isEmpty()) {
                try {
                    given.add(new Checksum(a, v));
                } catch (ConfigException e) {
                    throw new ConfigException("stage '" + stage + "': " + e.getMessage());
                }
            }
        }
        if (given.size() > 1) {
            throw new ConfigException("stage '" + stage + "': give exactly one checksum, got " + given);
        }
        if (given.isEmpty()) {
            if (c.has(INSECURE) && c.getBoolean(INSECURE)) {
                return null;
            }
            throw new ConfigException("stage '" + stage + "' needs a checksum: give sha256=<hex> (or md5=, sha1="
                    + " where that is all the publisher gives); insecure=true fetches without one");
        }
        return given.get(0);
    }
}
