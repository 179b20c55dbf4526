package org.stagedml.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.Json;
import org.stagedml.api.predict.Prediction;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.api.predict.PredictorProvider;
import org.stagedml.realizer.internal.PredictorsComponent;

/**
 * A split of a dataset in the glue-jsonl layout ({@code dev.jsonl}: sentence1, sentence2 for pairs,
 * label) as prediction inputs and their labels: for the tests that predicting a dataset's dev split
 * through the Predictors service reproduces the accuracy a model recorded.
 *
 * @param inputs a text, or a pair when the row has sentence2, per row
 * @param labels the label of each row
 */
public record TextSplit(List<PredictionInput> inputs, List<String> labels) {
    public static TextSplit read(Path jsonl) throws IOException {
        List<PredictionInput> in = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode row = Json.mapper().readTree(line);
            String a = row.get("sentence1").asText();
            in.add(row.hasNonNull("sentence2") ? PredictionInput.pair(a, row.get("sentence2").asText()) : PredictionInput.text(a));
            labels.add(row.get("label").asText());
        }
        return new TextSplit(List.copyOf(in), List.copyOf(labels));
    }

    /** The fraction of predictions whose label is the row's. */
    public double accuracy(List<Prediction> predicted) {
        if (predicted.size() != labels.size()) {
            throw new IllegalArgumentException(predicted.size() + " predictions for " + labels.size() + " rows");
        }
        int correct = 0;
        for (int i = 0; i < labels.size(); i++) {
            correct += predicted.get(i).label().equals(labels.get(i)) ? 1 : 0;
        }
        return (double) correct / labels.size();
    }

    /** The real Predictors service over the fixture's store, with one provider. */
    public static PredictorsComponent predictors(RealizeFixture fx, PredictorProvider provider) {
        PredictorsComponent p = new PredictorsComponent(fx.store());
        p.addProvider(provider);
        return p;
    }
}
