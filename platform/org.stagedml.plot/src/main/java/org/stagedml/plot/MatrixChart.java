package org.stagedml.plot;

import java.util.List;

/**
 * A confusion matrix: {@code counts[actual][predicted]}, rows labelled by the actual class and
 * columns by the predicted one; each cell shows its count, shaded by it.
 */
public record MatrixChart(String title, List<String> labels, int[][] counts) implements Chart {
    public MatrixChart {
        labels = List.copyOf(labels);
        int k = counts.length;
        int[][] copy = new int[k][];
        for (int i = 0; i < k; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("a confusion matrix is square: row " + i + " has " + counts[i].length
                        + " cells, not " + k);
            }
            copy[i] = counts[i].clone();
        }
        counts = copy;
    }

    /** The label of class i (its index when there are fewer labels). */
    public String label(int i) {
        return i < labels.size() ? labels.get(i) : Integer.toString(i);
    }

    @Override
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }
}
