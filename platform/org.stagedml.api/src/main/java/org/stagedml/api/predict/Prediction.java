package org.stagedml.api.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A predicted label and the probability of every label.
 *
 * @param label the most probable label
 * @param labels every label, in the model's order
 * @param probabilities one per label, summing to 1
 */
public record Prediction(String label, List<String> labels, double[] probabilities) {
    public Prediction {
        labels = List.copyOf(labels);
        probabilities = probabilities.clone();
        if (labels.size() != probabilities.length) {
            throw new IllegalArgumentException(labels.size() + " labels but " + probabilities.length + " probabilities");
        }
    }

    /** The prediction of the largest probability. */
    public static Prediction of(List<String> labels, double[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return new Prediction(labels.get(best), labels, probabilities);
    }

    /** The prediction of a model's float probabilities (the first {@code labels.size()} of them). */
    public static Prediction of(List<String> labels, float[] probabilities) {
        double[] d = new double[labels.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = probabilities[k];
        }
        return of(labels, d);
    }

    public double probability(String l) {
        int i = labels.indexOf(l);
        return i < 0 ? 0 : probabilities[i];
    }

    /** The label, a tab, then {@code label=probability} for every label: what stage:predict prints. */
    public String line() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            parts.add(labels.get(i) + "=" + String.format(Locale.ROOT, "%.4f", probabilities[i]));
        }
        return label + "\t" + String.join(" ", parts);
    }
}
