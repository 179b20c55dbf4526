package org.stagedml.model.textcnn.internal;

import java.util.List;

/**
 * One labelled split of a sentence (or sentence-pair) classification task: the first sentences, the
 * second ones (null entries for single-sentence tasks) and the label indices.
 */
public record GlueSplit(List<String> first, List<String> second, int[] labels) {
    public int size() {
        return labels.length;
    }
}
