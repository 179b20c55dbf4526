package org.stagedml.api.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.stagedml.api.Json;
import org.stagedml.api.stage.Checkpoint;

/**
 * The loop's side of a training checkpoint written after an epoch or every so many steps
 * ({@link MinibatchLoop#checkpointEvery}), as {@value #FILE} beside the
 * model's own files (weights, optimizer state): the {@link MinibatchLoop.Position} (shuffles, history
 * window), the epochs' figures so far (a model's own record type, written with Jackson) and the
 * history records so far, which {@link #resume} replays into the new build's history.jsonl so that
 * a resumed training ends as the uninterrupted one.
 *
 * @param <E> a model's record of one epoch's figures
 */
public record EpochCheckpoint<E>(MinibatchLoop.Position position, List<E> epochs, List<Map<String, Object>> history) {
    public static final String FILE = "training.json";
    /** Doubles stay doubles (1.0 is replayed into history.jsonl as 1.0, not as 1). */
    private static final ObjectMapper MAPPER = Json.mapper().copy().disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Writes {@value #FILE} into the folder (the model writes its state beside it). */
    public void write(Path folder) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("position", MAPPER.valueToTree(position));
        root.set("epochs", MAPPER.valueToTree(epochs));
        root.set("history", MAPPER.valueToTree(history));
        MAPPER.writeValue(folder.resolve(FILE).toFile(), root);
    }

    /** Saves one checkpoint into the area: the model's state ({@code model} writes it) beside {@value #FILE}. */
    public void save(Checkpoint area, Checkpoint.Writer model) throws IOException {
        area.save(dir -> {
            model.write(dir);
            write(dir);
        });
    }

    /** Reads the {@value #FILE} that {@link #write} wrote into the folder. */
    public static <E> EpochCheckpoint<E> read(Path folder, Class<E> epochType) throws IOException {
        JsonNode root = MAPPER.readTree(folder.resolve(FILE).toFile());
        return new EpochCheckpoint<>(
                MAPPER.treeToValue(root.get("position"), MinibatchLoop.Position.class),
                MAPPER.convertValue(root.get("epochs"), MAPPER.getTypeFactory().constructCollectionType(List.class, epochType)),
                MAPPER.convertValue(root.get("history"), MAPPER.getTypeFactory().constructCollectionType(List.class,
                        MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class))));
    }

    /**
     * Sets a fresh loop (same seed and sizes) to the position, hands the epochs' figures to
     * {@code epochsDone}, replays the history into the monitor and logs where training resumed;
     * returns that place ({@link MinibatchLoop.Position#where}), e.g. {@code epoch 2 (step 26)} or
     * {@code step 30 (epoch 3, batch 4)}, for the build's {@code resumed from} note.
     */
    public String resume(MinibatchLoop loop, Consumer<List<E>> epochsDone, TrainingMonitor monitor) {
        loop.resume(position);
        epochsDone.accept(epochs);
        history.forEach(monitor::history);
        String where = position.where();
        monitor.log("resumed from the checkpoint at " + where);
        return where;
    }
}
