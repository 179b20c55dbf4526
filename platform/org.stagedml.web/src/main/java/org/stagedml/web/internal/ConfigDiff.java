package org.stagedml.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.stagedml.api.Config;

/** Which config fields differ among several configs (a field absent in one counts as different). */
final class ConfigDiff {
    private ConfigDiff() {
    }

    /** The differing fields, sorted by name. */
    static List<String> differing(Collection<Config> configs) {
        TreeSet<String> fields = new TreeSet<>();
        configs.forEach(c -> fields.addAll(c.fields()));
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            if (configs.stream().map(c -> c.get(f).map(JsonNode::toString).orElse("\u0000absent")).distinct().count() > 1) {
                out.add(f);
            }
        }
        return out;
    }

    /** A value as a person reads it: strings without quotes, "-" when absent. */
    static String text(Optional<JsonNode> value) {
        return value.map(v -> v.isTextual() ? v.textValue() : v.toString()).orElse("-");
    }
}
