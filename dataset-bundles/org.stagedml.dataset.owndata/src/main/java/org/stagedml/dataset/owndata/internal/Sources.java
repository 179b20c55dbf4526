package org.stagedml.dataset.owndata.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.LocalInput;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;

/**
 * The input files of a dataset stage named by PATH fields: a local file or folder is read where it
 * is (the realizer put its content hash into the derivation); a URL is a {@code fetchurl}
 * dependency under {@code <field>_fetch} and needs its published sha256 in {@code <field>_sha256}.
 */
final class Sources {
    private Sources() {
    }

    static String fetchField(String field) {
        return field + "_fetch";
    }

    /** The fetch dependencies of the URL fields among {@code fields}. */
    static Map<String, Dependency> dependencies(String stage, Config c, List<String> fields) {
        Map<String, Dependency> deps = new LinkedHashMap<>();
        for (String f : fields) {
            String v = c.getString(f);
            if (!v.isBlank() && LocalInput.isUrl(v)) {
                String sha = c.getString(LocalInput.hashField(f));
                if (sha.isBlank()) {
                    throw new ConfigException("stage '" + stage + "': " + f + " is a URL; give its published checksum as "
                            + LocalInput.hashField(f) + "=<sha256> (local files need none)");
                }
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("url", v);
                o.put("sha256", sha);
                deps.put(fetchField(f), Dependency.on("fetchurl", o));
            }
        }
        return deps;
    }

    /**
     * The file or folder of a field at build time; for a local one, checks that its content still
     * has the hash instantiate recorded (else the realization would be labelled with the wrong input).
     */
    static Path resolve(BuildContext b, String field) throws IOException {
        String v = b.config().getString(field);
        if (LocalInput.isUrl(v)) {
            List<Path> files = b.dependencyFiles(fetchField(field));
            Path dir = b.dependencyPath(fetchField(field));
            return files.size() == 1 ? dir.resolve(files.get(0)) : dir;
        }
        Path p = Path.of(v);
        String recorded = b.config().getString(LocalInput.hashField(field));
        String now = LocalInput.sha256(p);
        if (!now.equals(recorded)) {
            throw new StagedmlException(p + " changed after the derivation was made (sha256 " + now + ", recorded "
                    + recorded + "); realize again to make a derivation of the new content");
        }
        return p;
    }
}
