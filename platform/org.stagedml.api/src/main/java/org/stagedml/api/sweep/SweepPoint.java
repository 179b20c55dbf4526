package org.stagedml.api.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of a sweep.
 *
 * @param index its position in the plan, from 1
 * @param values varied key -> value (as a config override string), in the order of the spec's keys
 */
public record SweepPoint(int index, Map<String, String> values) {
    public SweepPoint {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** {@code key=value key2=value2}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
