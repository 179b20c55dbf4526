package org.stagedml.dataset.bert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;
import org.stagedml.dataset.bert.BertLayout;
import org.stagedml.dataset.bert.Vocabulary;

/**
 * {@code bert-checkpoint model=mini|base|large|multi-cased|rubert-cased}: one of Google's pretrained BERT
 * checkpoints or DeepPavlov's RuBERT, fetched and unpacked by {@code fetchurl} (field {@code archive}) and laid out as
 * {@link BertLayout}: bert_config.json, vocab.txt, bert_model.ckpt.index,
 * bert_model.ckpt.data-00000-of-00001 and model.json. {@code url} and {@code sha256} replace the
 * catalog's (a mirror, or a local test server).
 */
@Component(service = Stage.class)
@StageProperties(name = BertCheckpointStage.NAME, version = 1,
        description = "Google's pretrained BERT checkpoint (config, vocabulary, TensorFlow checkpoint) in a normalized layout")
public class BertCheckpointStage implements Stage {
    public static final String NAME = "bert-checkpoint";
    static final String MODEL = "model";
    static final String URL = "url";
    static final String SHA256 = "sha256";
    static final String ARCHIVE = "archive";
    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            FieldSpec.choice(MODEL, "base", PretrainedModel.keys(),
                    "which pretrained BERT: mini (L-4 H-256), base (L-12 H-768), large (L-24 H-1024), multi-cased (104 languages),"
                            + " rubert-cased (DeepPavlov's Russian, L-12 H-768)"),
            FieldSpec.string(URL, "", "the checkpoint archive's URL (default: the publisher's, from the catalog)"),
            FieldSpec.string(SHA256, "", "its sha256, required with url (default: the catalog's)"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public Map<String, Dependency> dependencies(Config config) {
        PretrainedModel m = PretrainedModel.of(config.getString(MODEL));
        String url = config.getString(URL);
        String sha256 = config.getString(SHA256);
        if (url.isEmpty() != sha256.isEmpty() && !url.isEmpty()) {
            throw new ConfigException("stage '" + NAME + "': give sha256=<hex> together with url=" + url);
        }
        if (url.isEmpty() && !sha256.isEmpty()) {
            throw new ConfigException("stage '" + NAME + "': sha256 without url; give both or neither");
        }
        Map<String, Object> fetch = new LinkedHashMap<>();
        fetch.put("url", url.isEmpty() ? m.url : url);
        fetch.put("sha256", sha256.isEmpty() ? m.sha256 : sha256);
        fetch.put("name", m.archiveName());
        fetch.put("unpack", true);
        return Map.of(ARCHIVE, Dependency.on("fetchurl", fetch));
    }

    @Override
    public List<String> provides() {
        return List.of(BertLayout.LAYOUT);
    }

    @Override
    public List<String> promises(Config config) {
        return BertLayout.FILES;
    }

    @Override
    public void build(BuildContext b) throws Exception {
        PretrainedModel m = PretrainedModel.of(b.config().getString(MODEL));
        Path dir = CheckpointLayout.find(b.dependencyPath(ARCHIVE));
        b.log("taking the checkpoint from " + dir);
        b.checkCancelled();
        CheckpointLayout.take(dir, b.out());
        JsonNode bertConfig = JsonFiles.read(b.out().resolve(BertLayout.CONFIG));
        int vocabLines = Vocabulary.load(b.out().resolve(BertLayout.VOCAB)).size();
        if (bertConfig.path("vocab_size").asInt(-1) != vocabLines) {
            b.log("note: vocab.txt has " + vocabLines + " lines, bert_config.json says vocab_size "
                    + bertConfig.path("vocab_size"));
        }
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.put("model", m.key);
        model.put("name", m.googleName);
        model.put("do_lower_case", m.doLowerCase);
        model.put("vocab_lines", vocabLines);
        model.set("config", bertConfig);
        JsonFiles.write(b.out().resolve(BertLayout.MODEL_JSON), model);
        b.progress(1, m.key + " ready");
    }
}
