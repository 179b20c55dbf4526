package org.stagedml.model.transformer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.stagedml.plot.LineChart;
import org.stagedml.plot.Png;
import org.stagedml.plot.Series;

/** training_curves.png, drawn through org.stagedml.plot: train and dev loss by epoch (left), dev BLEU by epoch (right). */
final class TransformerPlots {
    static final String CURVES = "training_curves.png";

    private TransformerPlots() {
    }

    static void curves(List<TransformerTrainer.Epoch> epochs, Path file) throws IOException {
        int n = epochs.size();
        double[] epoch = new double[n];
        double[] train = new double[n];
        double[] dev = new double[n];
        double[] bleu = new double[n];
        double[] uncased = new double[n];
        for (int i = 0; i < n; i++) {
            TransformerTrainer.Epoch e = epochs.get(i);
            epoch[i] = e.epoch();
            train[i] = e.trainLoss();
            dev[i] = e.devLoss();
            bleu[i] = e.bleu();
            uncased[i] = e.bleuUncased();
        }
        LineChart loss = new LineChart("Loss (label-smoothed, minus its floor)", "epoch", "loss",
                List.of(Series.of("train (epoch mean)", epoch, train), Series.of("dev", epoch, dev)));
        LineChart score = new LineChart("Dev BLEU", "epoch", "BLEU",
                List.of(Series.of("cased", epoch, bleu), Series.of("uncased", epoch, uncased)));
        Png.write(file, 2, 600, 450, List.of(loss, score));
    }
}
