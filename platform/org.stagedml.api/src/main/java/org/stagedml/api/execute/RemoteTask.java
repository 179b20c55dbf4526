package org.stagedml.api.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.DRef;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;

/**
 * What an executor hands the remote side ({@code stage:build-derivation <file>}), as a JSON file:
 * the order, the CPUs requested, and which environment variables of the remote process name the
 * cluster's job and node (recorded as notes in the metadata, e.g. {@code slurm.job -> SLURM_JOB_ID}).
 * The GPUs are those {@code CUDA_VISIBLE_DEVICES} names in the remote process.
 */
public record RemoteTask(BuildOrder order, int cpus, Map<String, String> notesFromEnvironment) {
    public RemoteTask {
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1, got " + cpus);
        }
        notesFromEnvironment = Map.copyOf(notesFromEnvironment == null ? Map.of() : notesFromEnvironment);
    }

    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("dref", order.dref().toString());
        ObjectNode deps = o.putObject("dependencies");
        order.dependencies().forEach((d, rs) -> rs.forEach(r -> deps.withArray(d.toString()).add(r.toString())));
        if (order.matcher() != null) {
            o.put("matcher", order.matcher());
        }
        o.put("instances", order.instances());
        o.put("force", order.force());
        o.put("cpus", cpus);
        ObjectNode env = o.putObject("notesFromEnvironment");
        notesFromEnvironment.forEach(env::put);
        return o;
    }

    /** Reads what {@link #toJson} wrote; a StagedmlException saying what is missing. */
    public static RemoteTask fromJson(JsonNode o) {
        if (o == null || !o.hasNonNull("dref")) {
            throw new StagedmlException("not a build task: no 'dref' field");
        }
        Map<DRef, List<RRef>> deps = new LinkedHashMap<>();
        o.path("dependencies").fields().forEachRemaining(e -> {
            List<RRef> rs = new ArrayList<>();
            e.getValue().forEach(r -> rs.add(RRef.parse(r.asText())));
            deps.put(DRef.parse(e.getKey()), rs);
        });
        Map<String, String> env = new LinkedHashMap<>();
        o.path("notesFromEnvironment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        BuildOrder order = new BuildOrder(DRef.parse(o.get("dref").asText()), deps,
                o.hasNonNull("matcher") ? o.get("matcher").asText() : null, o.path("instances").asInt(1),
                o.path("force").asBoolean(false));
        return new RemoteTask(order, o.path("cpus").asInt(1), env);
    }
}
