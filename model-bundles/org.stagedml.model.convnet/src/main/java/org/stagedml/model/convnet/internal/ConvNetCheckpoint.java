package org.stagedml.model.convnet.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Json;
import org.stagedml.api.train.MinibatchLoop;

/**
 * A {@code convnet-mnist} training checkpoint, written after every epoch into the build's
 * checkpoint area: the model's training state ({@link LeNetModel#saveState}: weights, Adam moments,
 * step) beside {@value #FILE} with the loop's position (shuffles, history window), the epochs'
 * results and the history records so far (replayed into the new build's history.jsonl), so that a
 * resumed training ends as the uninterrupted one.
 */
record ConvNetCheckpoint(MinibatchLoop.Position position, List<EpochResult> epochs, List<Map<String, Object>> history) {
    static final String FILE = "training.json";
    /** Doubles stay doubles (1.0 is replayed into history.jsonl as 1.0, not as 1). */
    private static final ObjectMapper MAPPER = Json.mapper().copy().disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    void write(Path folder, LeNetModel net) throws IOException {
        net.saveState(folder);
        ObjectNode root = MAPPER.createObjectNode();
        root.set("position", MAPPER.valueToTree(position));
        root.set("epochs", MAPPER.valueToTree(epochs));
        root.set("history", MAPPER.valueToTree(history));
        MAPPER.writeValue(folder.resolve(FILE).toFile(), root);
    }

    /** Reads the checkpoint in a folder and restores the model's training state from it. */
    static ConvNetCheckpoint read(Path folder, LeNetModel net) throws IOException {
        JsonNode root = MAPPER.readTree(folder.resolve(FILE).toFile());
        ConvNetCheckpoint c = new ConvNetCheckpoint(
                MAPPER.treeToValue(root.get("position"), MinibatchLoop.Position.class),
                MAPPER.convertValue(root.get("epochs"), new TypeReference<List<EpochResult>>() { }),
                MAPPER.convertValue(root.get("history"), new TypeReference<List<Map<String, Object>>>() { }));
        net.restoreState(folder);
        return c;
    }
}
