package org.stagedml.dataset.glue.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code glue task=<CoLA|SST-2|MRPC|STS-B|QQP|MNLI|QNLI|RTE|WNLI|SNLI>}: one GLUE task (or SNLI) in one normalized
 * layout: {@code train.jsonl}, {@code dev.jsonl}, {@code test.jsonl} (MNLI: dev and test are the
 * matched sets, plus {@code dev_mismatched.jsonl} and {@code test_mismatched.jsonl}), each line
 * {@code {"id", "sentence1", "sentence2" (pair tasks), "label" (string; STS-B a number; absent in GLUE's
 * test, kept in SNLI's)}}, and {@code task.json} ({@code task}, {@code type}, {@code labels}, {@code pair},
 * {@code counts}, {@code skipped}; SNLI also {@code dropped}: its examples without a gold label, '-').
 * The published files are {@code fetchurl} dependencies with the catalog's sha256:
 * the task's zip (field {@code archive}), or for MRPC SentEval's two files and GLUE's dev ids
 * (fields {@code mrpc_train}, {@code mrpc_test}, {@code mrpc_dev_ids}).
 */
@Component(service = Stage.class)
@StageProperties(name = GlueStage.NAME, version = 1,
        description = "a GLUE task (train, dev, test) as normalized JSON lines plus task.json")
public class GlueStage implements Stage {
    public static final String NAME = "glue";
    static final String ARCHIVE = "archive";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(FieldSpec.choice("task", "MRPC",
            List.copyOf(GlueTask.ALL.keySet()), "the GLUE task"));

    private final GlueSources sources;

    public GlueStage() {
        this(GlueSources.official());
    }

    public GlueStage(GlueSources sources) {
        this.sources = sources;
    }

    @Override
    public List<String> provides() {
        return List.of(org.stagedml.api.stage.DataLayouts.GLUE_JSONL);
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        GlueTask task = GlueTask.ALL.get(config.getString("task"));
        Map<String, Dependency> deps = new LinkedHashMap<>();
        if (task.name().equals("MRPC")) {
            sources.mrpc().forEach((field, file) -> deps.put(field, file.dependency()));
        } else {
            SourceFile zip = sources.zips().get(task.name());
            if (zip == null) {
                throw new StagedmlException("glue: no source known for task " + task.name());
            }
            deps.put(ARCHIVE, zip.dependency());
        }
        return deps;
    }

    @Override
    public List<String> promises(Config config) {
        GlueTask task = GlueTask.ALL.get(config.getString("task"));
        List<String> p = new ArrayList<>();
        task.splits().keySet().forEach(s -> p.add(s + ".jsonl"));
        p.add("task.json");
        return p;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        GlueTask task = GlueTask.ALL.get(b.config().getString("task"));
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> skipped = new LinkedHashMap<>();
        Map<String, Long> dropped = new LinkedHashMap<>();
        if (task.name().equals("MRPC")) {
            b.progress(0, "assembling MRPC");
            counts.putAll(MrpcAssembler.assemble(fetchedFile(b, GlueSources.MRPC_TRAIN),
                    fetchedFile(b, GlueSources.MRPC_TEST), fetchedFile(b, GlueSources.MRPC_DEV_IDS), b.out()));
        } else {
            Path zipFile = fetchedFile(b, ARCHIVE);
            SplitConverter converter = new SplitConverter(task, b::cancelled);
            JsonlSplitConverter jsonl = new JsonlSplitConverter(task, b::cancelled);
            try (ZipFile zip = new ZipFile(zipFile.toFile())) {
                // every file first: a wrong zip fails before the long conversions
                Map<String, ZipEntry> entries = new LinkedHashMap<>();
                task.splits().forEach((split, file) -> entries.put(split, find(zip, file, zipFile, task)));
                int i = 0;
                for (Map.Entry<String, String> split : task.splits().entrySet()) {
                    b.checkCancelled();
                    b.progress((double) i++ / task.splits().size(), task.name() + " " + split.getKey());
                    ZipEntry entry = entries.get(split.getKey());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Path target = b.out().resolve(split.getKey() + ".jsonl");
                        SplitConverter.Result r = task.jsonLines()
                                ? jsonl.convert(split.getKey(), entry.getName(), in, target, b::log)
                                : converter.convert(split.getKey(), entry.getName(), in, target, b::log);
                        counts.put(split.getKey(), r.written());
                        if (r.skipped() > 0) {
                            skipped.put(split.getKey(), r.skipped());
                        }
                        dropped.put(split.getKey(), r.dropped());
                    }
                }
            }
        }
        writeTaskJson(b.out(), task, counts, skipped, dropped);
        b.log("glue " + task.name() + ": " + counts + (skipped.isEmpty() ? "" : ", skipped malformed rows " + skipped)
                + (task.noGoldLabel() == null ? "" : ", dropped without a gold label ('" + task.noGoldLabel() + "') " + dropped));
        b.progress(1, "done");
    }

    private static void writeTaskJson(Path out, GlueTask task, Map<String, Long> counts, Map<String, Long> skipped,
            Map<String, Long> dropped) throws IOException {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("task", task.name());
        o.put("type", task.regression() ? "regression" : "classification");
        task.labels().forEach(o.putArray("labels")::add);
        o.put("pair", task.pair());
        ObjectNode c = o.putObject("counts");
        counts.forEach(c::put);
        ObjectNode s = o.putObject("skipped");
        skipped.forEach(s::put);
        if (task.noGoldLabel() != null) {
            ObjectNode d = o.putObject("dropped");
            dropped.forEach(d::put);
        }
        Json.mapper().writeValue(out.resolve("task.json").toFile(), o);
    }

    /**
     * The entry for a file of the task: {@code <folder>/<file>} or {@code <file>} (never the copies under
     * {@code original/} or {@code __MACOSX/}).
     */
    static ZipEntry find(ZipFile zip, String file, Path zipFile, GlueTask task) {
        List<ZipEntry> found = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            String n = e.getName();
            if (e.isDirectory() || n.startsWith("__MACOSX/")) {
                continue;
            }
            if (n.equals(file) || (n.endsWith("/" + file) && n.indexOf('/') == n.length() - file.length() - 1)) {
                found.add(e);
            }
        }
        if (found.size() != 1) {
            throw new StagedmlException("glue " + task.name() + ": " + zipFile.getFileName() + " has "
                    + (found.isEmpty() ? "no " : found.size() + " copies of ") + file
                    + "; it is not the published zip of the task");
        }
        return found.get(0);
    }

    /** The one file of a fetch dependency's realization. */
    private static Path fetchedFile(BuildContext b, String field) throws IOException {
        List<Path> files = b.dependencyFiles(field);
        if (files.size() != 1) {
            throw new StagedmlException("glue: expected one fetched file in " + b.dependencyPath(field) + " (" + field
                    + "), found " + files.size());
        }
        return b.dependencyPath(field).resolve(files.get(0));
    }
}
