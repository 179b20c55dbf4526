package org.stagedml.api.predict;

import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link Predictor} that checks every input against its {@link #inputKind()} and computes the
 * probabilities a batch at a time: a model bundle implements {@link #probabilities(List)} and
 * {@link #close()}. Not thread-safe.
 */
@ConsumerType
public abstract class BatchPredictor implements Predictor {
    private final String model;
    private final InputKind kind;
    private final List<String> labels;
    private final int batch;

    /**
     * @param model what predicts, for messages (e.g. the stage name)
     * @param kind what one input is
     * @param labels the labels, in the order of the probabilities
     * @param batch the most inputs given to {@link #probabilities(List)} at once
     */
    protected BatchPredictor(String model, InputKind kind, List<String> labels, int batch) {
        this.model = model;
        this.kind = kind;
        this.labels = List.copyOf(labels);
        this.batch = Math.max(1, batch);
    }

    @Override
    public InputKind inputKind() {
        return kind;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public Prediction predict(PredictionInput input) {
        return predict(List.of(input)).get(0);
    }

    @Override
    public List<Prediction> predict(List<PredictionInput> inputs) {
        inputs.forEach(this::check);
        List<Prediction> out = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += batch) {
            for (float[] p : probabilities(inputs.subList(from, Math.min(inputs.size(), from + batch)))) {
                out.add(Prediction.of(labels, p));
            }
        }
        return out;
    }

    /** The probabilities {@code [inputs][labels]} of at most {@code batch} inputs of this predictor's kind. */
    protected abstract float[][] probabilities(List<PredictionInput> inputs);

    private void check(PredictionInput in) {
        if (kind == InputKind.IMAGE) {
            if (in.image() == null) {
                throw new IllegalArgumentException(model + " classifies images, not texts");
            }
        } else if (in.text() == null) {
            throw new IllegalArgumentException(model + " classifies texts, not images");
        } else if ((kind == InputKind.TEXT_PAIR) != (in.text2() != null)) {
            throw new IllegalArgumentException(kind == InputKind.TEXT_PAIR
                    ? "this " + model + " model classifies pairs of texts: give two texts per input"
                    : "this " + model + " model classifies single texts: give one text per input");
        }
    }
}
