package org.stagedml.dataset.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.Json;
import org.stagedml.api.stage.Dependency;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.SquadFeature;
import org.stagedml.dataset.bert.TfRecordReader;
import org.stagedml.testing.FolderBuildContext;

/** squad-features on a generated squad realization and a vocabulary folder in bert-random-init's layout. */
class SquadFeaturesStageTest {
    @TempDir
    Path tmp;
    private final SquadFeaturesStage stage = new SquadFeaturesStage();

    private static String line(String id, String context, String question, String answer, int start) {
        var o = Json.mapper().createObjectNode().put("id", id).put("title", "t").put("context", context).put("question", question);
        o.putArray("answers").addObject().put("text", answer).put("answer_start", start);
        return o.toString();
    }

    private FolderBuildContext context(int maxSeqLength) throws Exception {
        Path squad = Files.createDirectories(tmp.resolve("squad"));
        String ten = "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9";
        Files.writeString(squad.resolve("train.jsonl"), line("t1", ten, "What?", "w3 w4", 9) + "\n"
                + line("t2", ten, "What?", "w9", 0) + "\n" // not at its offset: skipped
                + line("t3", "the beatles were famous", "When?", "famous", 17) + "\n", StandardCharsets.UTF_8);
        Files.writeString(squad.resolve("dev.jsonl"), line("d1", ten, "What?", "w5", 15) + "\n", StandardCharsets.UTF_8);
        Path bert = Files.createDirectories(tmp.resolve("bert"));
        Files.write(bert.resolve(BertLayout.VOCAB), org.stagedml.dataset.bert.SquadConverterTest.VOCAB);
        Files.writeString(bert.resolve(BertLayout.CONFIG), "{\"max_position_embeddings\": 64}");
        Files.writeString(bert.resolve(BertLayout.MODEL_JSON), "{\"model\": \"test\", \"do_lower_case\": true}");
        FolderBuildContext b = new FolderBuildContext(stage, Map.of("bert", "bert-random-init", "max_seq_length", maxSeqLength,
                "doc_stride", 2, "max_query_length", 2), Files.createDirectories(tmp.resolve("out")));
        b.dependencyPaths.put("squad", squad);
        b.dependencyPaths.put("bert", bert);
        return b;
    }

    @Test
    void writesTrainAndDevWindowsWithWhatPredictionNeeds() throws Exception {
        FolderBuildContext b = context(9);
        stage.build(b);
        JsonNode f = JsonFiles.read(b.out.resolve("features.json"));
        assertEquals(3, f.get("questions").get("train").asInt());
        assertEquals(1, f.get("skipped_train").asInt());
        // t1: 4 windows of 4 pieces over 10; t3: one window
        assertEquals(5, f.get("counts").get("train").asInt());
        assertEquals(4, f.get("counts").get("dev").asInt());
        assertTrue(f.get("do_lower_case").asBoolean());
        List<SquadFeature.Inputs> train;
        try (TfRecordReader r = new TfRecordReader(b.out.resolve("train.tfrecord"))) {
            train = r.readAll().stream().map(SquadFeature::fromExample).toList();
        }
        assertEquals(List.of(0, 5, 0, 0, 7), train.stream().map(SquadFeature.Inputs::startPosition).toList());
        // "famous" is word 3 of t3: [CLS] when ? [SEP] the beatles were famous [SEP]
        assertEquals(7, train.get(4).endPosition());
        List<String> meta = Files.readAllLines(b.out.resolve("dev_features.jsonl"));
        assertEquals(4, meta.size());
        SquadFeature w1 = SquadFeature.fromMetadata(Json.mapper().readTree(meta.get(1)));
        assertEquals(1_000_000_001L, w1.uniqueId());
        assertEquals(0, w1.exampleIndex());
        assertEquals(List.of("[CLS]", "what", "?", "[SEP]", "w2", "w3", "w4", "w5", "[SEP]"), w1.tokens());
        assertEquals(Files.readString(tmp.resolve("squad/dev.jsonl")), Files.readString(b.out.resolve("dev.jsonl")));
    }

    @Test
    void configIsCheckedAndTheClosureNamesSquadAndTheVocabulary() throws Exception {
        FolderBuildContext b = context(80);
        ConfigException e = assertThrows(ConfigException.class, () -> stage.build(b));
        assertTrue(e.getMessage().contains("exceeds the model's max_position_embeddings 64"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> stage.dependencies(stage.schema().apply(SquadFeaturesStage.NAME,
                Map.of("max_seq_length", 60, "max_query_length", 64))));
        assertTrue(e.getMessage().contains("leaves no room for the context"), e.getMessage());
        Map<String, Dependency> deps = stage.dependencies(stage.schema().apply(SquadFeaturesStage.NAME, Map.of("model", "mini")));
        assertEquals("squad", deps.get("squad").stage());
        assertEquals("bert-checkpoint", deps.get("bert").stage());
        assertEquals("mini", deps.get("bert").overrides().get("model"));
        // another chosen stage is filled by the realizer with the user's bert.*; the old names still read
        ConfigSchema schema = stage.schema();
        assertFalse(stage.dependencies(schema.apply(SquadFeaturesStage.NAME, Map.of("bert", "bert-random-init"))).containsKey("bert"));
        assertEquals(Map.of("bert", "bert-random-init", "bert.hidden_size", IntNode.valueOf(64)), schema.resolveAliases(SquadFeaturesStage.NAME,
                Map.of("bert_stage", "bert-random-init", "bert_overrides", Map.of("hidden_size", 64))));
    }
}
