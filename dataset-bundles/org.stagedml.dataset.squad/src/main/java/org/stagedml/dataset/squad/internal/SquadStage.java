package org.stagedml.dataset.squad.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code squad}: SQuAD 1.1 as {@code train.jsonl} and {@code dev.jsonl}, one question per line
 * ({@code {"id", "title", "context", "question", "answers": [{"text", "answer_start"}]}}; dev has
 * several answers per question, train one), and {@code squad.json} (version, counts). The published
 * files are {@code fetchurl} dependencies {@code train} and {@code dev} with the catalog's sha256.
 */
@Component(service = Stage.class)
@StageProperties(name = SquadStage.NAME, version = 1,
        description = "SQuAD 1.1 train and dev as JSON lines, one question per line with its answers and character offsets")
public class SquadStage implements Stage {
    public static final String NAME = "squad";
    static final List<String> SPLITS = List.of("train", "dev");
    static final String INFO = "squad.json";

    private final SquadSources sources;

    public SquadStage() {
        this(SquadSources.official());
    }

    public SquadStage(SquadSources sources) {
        this.sources = sources;
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.of();
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        Map<String, Dependency> deps = new LinkedHashMap<>();
        SPLITS.forEach(s -> deps.put(s, sources.dependency(s)));
        return deps;
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("train.jsonl", "dev.jsonl", INFO);
    }

    @Override
    public void build(BuildContext b) throws Exception {
        ObjectNode info = Json.mapper().createObjectNode();
        ObjectNode counts = info.putObject("counts");
        ObjectNode answers = info.putObject("answers");
        ObjectNode misaligned = info.putObject("misaligned");
        for (int i = 0; i < SPLITS.size(); i++) {
            String split = SPLITS.get(i);
            b.checkCancelled();
            b.progress((double) i / SPLITS.size(), "normalizing " + split);
            SquadNormalizer.Result r = SquadNormalizer.convert(fetchedFile(b, split), b.out().resolve(split + ".jsonl"), b::cancelled);
            if (!r.version().isEmpty() && !r.version().equals("1.1")) {
                throw new StagedmlException("the " + split + " file is SQuAD version " + r.version() + "; the squad stage reads 1.1");
            }
            counts.put(split, r.questions());
            answers.put(split, r.answers());
            misaligned.put(split, r.misaligned());
            b.log(split + ": " + r.articles() + " articles, " + r.questions() + " questions, " + r.answers() + " answers"
                    + (r.misaligned() > 0 ? ", " + r.misaligned() + " not at their answer_start" : ""));
        }
        info.put("version", "1.1");
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(b.out().resolve(INFO).toFile(), info);
        b.progress(1, "done");
    }

    /** The JSON file a fetch dependency brought (fetchurl keeps the URL's file name). */
    private static Path fetchedFile(BuildContext b, String field) throws java.io.IOException {
        List<Path> json = b.dependencyFiles(field).stream().filter(f -> f.toString().endsWith(".json")).toList();
        if (json.size() != 1) {
            throw new StagedmlException("squad: the " + field + " dependency " + b.dependencyPath(field) + " holds "
                    + json.size() + " .json files; it should hold the one SQuAD file fetched");
        }
        return b.dependencyPath(field).resolve(json.get(0));
    }
}
