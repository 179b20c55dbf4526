package org.stagedml.api.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.stagedml.api.DRef;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;

/**
 * The rules a {@link BuildContext} applies to what a build reports, in one place so that every
 * implementation (the realizer's, and test support's context over a folder) accepts and refuses
 * the same things and writes the same bytes. Each method names the derivation and the offending
 * value when it refuses.
 */
public final class BuildRules {
    private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private BuildRules() {
    }

    /**
     * The content of {@code metrics.json}: every name a metric name ({@link #checkMetricName}),
     * every value present and finite; whole numbers given as Integer or Long stay integers.
     */
    public static ObjectNode metrics(DRef dref, Map<String, ? extends Number> metrics) {
        if (metrics == null) {
            throw new StagedmlException("the metrics of " + dref + " are null: pass a map of name -> number");
        }
        ObjectNode o = Json.mapper().createObjectNode();
        for (Map.Entry<String, ? extends Number> e : metrics.entrySet()) {
            checkMetricName(dref, e.getKey());
            Number value = e.getValue();
            if (value == null) {
                throw new StagedmlException("metric '" + e.getKey() + "' of " + dref + " has no value");
            }
            double v = value.doubleValue();
            if (!Double.isFinite(v)) {
                throw new StagedmlException("metric '" + e.getKey() + "' of " + dref + " is not finite: " + v);
            }
            if (value instanceof Integer || value instanceof Long) {
                o.put(e.getKey(), value.longValue());
            } else {
                o.put(e.getKey(), v);
            }
        }
        return o;
    }

    /**
     * A metric name must be non-empty and hold no whitespace, control character or {@code :}, so that
     * a matcher can name it ({@code best:<metric>}).
     */
    public static void checkMetricName(DRef dref, String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c) || c == ':')) {
            throw new StagedmlException("metric name " + (name == null ? "null" : "'" + name + "'") + " of " + dref
                    + " is not usable: give a non-empty name without spaces or ':' (e.g. dev_accuracy)");
        }
    }

    /** One line of {@code history.jsonl} (without the newline): the record as one JSON object; keys non-empty. */
    public static String historyLine(DRef dref, Map<String, ?> record) {
        if (record == null) {
            throw new StagedmlException("a history record of " + dref + " is null: pass a map of name -> value");
        }
        for (String key : record.keySet()) {
            if (key == null || key.isEmpty()) {
                throw new StagedmlException("a history record of " + dref + " has an empty key: " + record);
            }
        }
        try {
            return LINE.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new StagedmlException("a history record of " + dref + " is not JSON: " + e.getOriginalMessage());
        }
    }

    /** A progress fraction as reported: clamped to [0, 1], NaN as 0. */
    public static double progress(double fraction) {
        return Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
    }

    /** A log line as kept: null as the empty line. */
    public static String logLine(String line) {
        return line == null ? "" : line;
    }

    /** A note's value as kept (null as empty); the key must be non-empty. */
    public static String noteValue(DRef dref, String key, String value) {
        if (key == null || key.isEmpty()) {
            throw new StagedmlException("a note of " + dref + " has an empty key (value '" + value + "')");
        }
        return value == null ? "" : value;
    }
}
