package org.stagedml.dataset.bert.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.testing.RealizeFixture;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.FullTokenizer;
import org.stagedml.dataset.bert.InputFeatures;
import org.stagedml.dataset.bert.TfRecordReader;
import org.stagedml.dataset.glue.internal.GlueSources;
import org.stagedml.dataset.glue.internal.GlueStage;
import org.stagedml.dataset.glue.internal.SourceFile;
import org.stagedml.testing.LoopbackHttpServer;

/**
 * glue-features over the real glue stage (org.stagedml.dataset.glue), which fetches an RTE zip in
 * GLUE's layout from 127.0.0.1 through the real fetchurl, and a tiny bert-random-init.
 */
class RealGlueFeaturesTest {
    @TempDir
    Path dir;

    private static byte[] rteZip() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            entry(z, "RTE/train.tsv", "index\tsentence1\tsentence2\tlabel", 10, true);
            entry(z, "RTE/dev.tsv", "index\tsentence1\tsentence2\tlabel", 4, true);
            entry(z, "RTE/test.tsv", "index\tsentence1\tsentence2", 3, false);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream z, String name, String header, int rows, boolean labels) throws Exception {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            b.append(i).append('\t').append("Dogs bark at night, number ").append(i).append('.')
                    .append('\t').append("Dogs make noise.");
            if (labels) {
                b.append('\t').append(i % 2 == 0 ? "entailment" : "not_entailment");
            }
            b.append('\n');
        }
        z.putNextEntry(new ZipEntry(name));
        z.write(b.toString().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }

    @Test
    void turnsTheRealGlueOutputIntoBertInputs() throws Exception {
        byte[] zip = rteZip();
        try (LoopbackHttpServer http = new LoopbackHttpServer()) {
            http.serve("/RTE.zip", zip);
            String url = http.url("/RTE.zip");
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
            GlueStage glue = new GlueStage(new GlueSources(Map.of("RTE", new SourceFile(url, "sha256", sha)), Map.of()));
            try (RealizeFixture fx = FixtureGlue.store(dir.resolve("store"), glue)) {
                Map<String, Object> bert = Map.of("hidden_size", 8, "num_hidden_layers", 1, "num_attention_heads", 2,
                        "intermediate_size", 16, "max_position_embeddings", 64, "vocab", 300);
                RRef rref = fx.realize("glue-features", Map.of("task", "RTE", "bert_stage", "bert-random-init",
                        "bert_overrides", Json.mapper().valueToTree(bert), "max_seq_length", 64, "valid_fraction", 0.2));
                Path out = fx.path(rref);
                JsonNode f = JsonFiles.read(out.resolve("features.json"));
                assertEquals("RTE", f.get("task").textValue());
                assertEquals(List.of("entailment", "not_entailment"), Json.mapper().convertValue(f.get("labels"), List.class));
                assertEquals(8, f.get("counts").get("train").intValue());
                assertEquals(2, f.get("counts").get("valid").intValue());
                assertEquals(4, f.get("counts").get("dev").intValue());
                assertEquals(3, f.get("counts").get("test").intValue());

                List<InputFeatures> dev = new ArrayList<>();
                try (TfRecordReader r = new TfRecordReader(out.resolve("dev.tfrecord"))) {
                    r.readAll().forEach(rec -> dev.add(InputFeatures.fromExample(rec)));
                }
                assertEquals(List.of(0, 1, 0, 1), dev.stream().map(InputFeatures::labelId).toList());
                FullTokenizer tok = new FullTokenizer(fx.store().path(fx.realizer().dependency(rref, "bert")).resolve(BertLayout.VOCAB), true);
                List<String> want = new ArrayList<>(List.of("[CLS]"));
                want.addAll(tok.tokenize("Dogs bark at night, number 2."));
                want.add("[SEP]");
                want.addAll(tok.tokenize("Dogs make noise."));
                want.add("[SEP]");
                int[] ids = java.util.Arrays.copyOf(dev.get(2).inputIds(), want.size());
                assertEquals(want, tok.convertIdsToTokens(ids));
            }
        }
    }
}
