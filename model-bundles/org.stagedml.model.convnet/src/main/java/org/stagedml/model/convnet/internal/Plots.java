package org.stagedml.model.convnet.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.stagedml.api.train.MinibatchLoop;
import org.stagedml.plot.LineChart;
import org.stagedml.plot.MatrixChart;
import org.stagedml.plot.Png;
import org.stagedml.plot.Series;

/**
 * The two PNGs of a run, drawn through org.stagedml.plot: training curves (loss by step, test
 * accuracy by epoch) and the test confusion matrix.
 */
public final class Plots {
    private Plots() {
    }

    /** curves.png: left, training loss by step and test loss by epoch end; right, test accuracy by epoch. */
    public static void curves(double[] steps, double[] stepLoss, List<EpochResult> epochs, Path file) throws IOException {
        int n = epochs.size();
        double[] epochStep = new double[n];
        double[] testLoss = new double[n];
        double[] epochNo = new double[n];
        double[] accuracy = new double[n];
        for (int i = 0; i < n; i++) {
            EpochResult e = epochs.get(i);
            epochStep[i] = e.step();
            testLoss[i] = e.test().loss();
            epochNo[i] = e.epoch();
            accuracy[i] = e.test().accuracy();
        }
        LineChart loss = new LineChart("Loss", "step", "loss", List.of(
                Series.of("train (mean of " + MinibatchLoop.HISTORY_EVERY + " batches)", steps, stepLoss),
                Series.of("test", epochStep, testLoss)));
        LineChart acc = new LineChart("Test accuracy", "epoch", "accuracy", List.of(Series.of("accuracy", epochNo, accuracy)));
        Png.write(file, 2, 600, 450, List.of(loss, acc));
    }

    /** confusion.png: rows are actual classes, columns predicted. */
    public static void confusion(int[][] m, List<String> names, Path file) throws IOException {
        int size = Math.max(480, Math.min(1000, 200 + 64 * m.length));
        Png.write(file, 1, size, size, List.of(
                new MatrixChart("Confusion matrix (test set): rows actual, columns predicted", names, m)));
    }
}
