package org.stagedml.model.transformer.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Stage;

/**
 * A parallel corpus in the parallel-jsonl layout, generated: the copy-and-reverse task as text
 * ("c a d" to "d a c"). Builds are counted, so a test can tell a build from a match in the store.
 */
final class GeneratedPairsStage implements Stage {
    static final String NAME = "generated-pairs";
    private final AtomicInteger builds = new AtomicInteger();

    int builds() {
        return builds.get();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "generated copy-and-reverse pairs in the parallel-jsonl layout (tests)";
    }

    @Override
    public List<String> provides() {
        return List.of(DataLayouts.PARALLEL_JSONL);
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.of(FieldSpec.integer("train", 1500, "training pairs"), FieldSpec.integer("seed", 1, "generator seed"));
    }

    @Override
    public void build(BuildContext b) throws Exception {
        builds.incrementAndGet();
        int n = b.config().getInt("train");
        long seed = b.config().getLong("seed");
        write(b, "train", CopyReverse.pairs(n, 3, 6, seed));
        write(b, "dev", CopyReverse.pairs(60, 3, 6, seed + 1));
        write(b, "test", CopyReverse.pairs(60, 3, 6, seed + 2));
        ObjectNode corpus = Json.mapper().createObjectNode().put("corpus", NAME).put("source_language", "xx").put("target_language", "yy");
        corpus.putObject("counts").put("train", n).put("dev", 60).put("test", 60);
        Json.mapper().writeValue(b.out().resolve("corpus.json").toFile(), corpus);
    }

    private static void write(BuildContext b, String split, List<int[][]> pairs) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            lines.add(Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(Json.mapper().createObjectNode().put("id", split + "-" + i)
                    .put("source", CopyReverse.text(pairs.get(i)[0])).put("target", CopyReverse.text(pairs.get(i)[1]))));
        }
        Files.write(b.out().resolve(split + ".jsonl"), lines, StandardCharsets.UTF_8);
    }
}
