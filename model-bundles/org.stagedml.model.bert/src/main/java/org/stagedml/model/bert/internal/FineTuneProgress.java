package org.stagedml.model.bert.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Json;

/**
 * Where a fine-tuning run stands, beside the variables in a training checkpoint
 * ({@link FineTuneGraph#trainingState}): the epoch and batch to go on from, how many epochs' shuffles
 * were drawn (replayed from the seed on resume), the step (it drives the learning rate and the
 * dropout masks), the sums behind the metrics, the curves, and what was sent to history.jsonl and
 * TensorBoard (replayed into the resumed build's outputs). Plain fields: it is saved as JSON.
 */
final class FineTuneProgress {
    static final String FILE = "progress.json";

    /** The epoch in progress (1-based) and the next batch in it. */
    public int epoch = 1;
    public int batch;
    /** How many epochs' shuffles were drawn. */
    public int shuffled;
    public long step;
    public long trainNanos;
    public long examples;
    public double epochLoss;
    public List<Double> lossCurve = new ArrayList<>();
    public List<Double> devCurve = new ArrayList<>();
    public List<Long> epochEnds = new ArrayList<>();
    public Map<String, Double> metrics = new LinkedHashMap<>();
    public List<Map<String, Object>> history = new ArrayList<>();
    /** TensorBoard scalars: tag, step, value. */
    public List<Scalar> scalars = new ArrayList<>();

    /** One TensorBoard scalar. */
    public record Scalar(String tag, long step, double value) {
    }

    private static ObjectMapper mapper() {
        // doubles stay doubles: a replayed history record is written as the original was (1.0, not 1)
        return Json.mapper().copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    void write(Path folder) throws IOException {
        mapper().writeValue(folder.resolve(FILE).toFile(), this);
    }

    static FineTuneProgress read(Path folder) throws IOException {
        return mapper().readValue(folder.resolve(FILE).toFile(), FineTuneProgress.class);
    }

    /** Where a resumed run goes on from, for the build's metadata. */
    String where() {
        return "step " + step + " (epoch " + epoch + ", batch " + batch + ")";
    }
}
