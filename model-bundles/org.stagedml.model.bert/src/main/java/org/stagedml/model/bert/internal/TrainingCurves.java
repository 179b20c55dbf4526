package org.stagedml.model.bert.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.plot.LineChart;
import org.stagedml.plot.Png;
import org.stagedml.plot.Series;

/**
 * training_curves.png, drawn through org.stagedml.plot: training loss per step on the left axis,
 * the dev metric per epoch on the right axis.
 */
final class TrainingCurves {
    private static final int W = 800;
    private static final int H = 480;

    private TrainingCurves() {
    }

    /** {@code loss[i]} at step i; {@code dev[e]} after epoch e+1 (at step {@code epochEnds[e]}). */
    static void write(Path png, String title, List<Double> loss, List<Double> dev, List<Long> epochEnds, String devName)
            throws IOException {
        List<Integer> steps = new ArrayList<>();
        for (int i = 0; i < loss.size(); i++) {
            steps.add(i);
        }
        LineChart chart = new LineChart(title, "step", "training loss", "dev " + devName, List.of(
                Series.of("training loss", steps, loss),
                Series.of("dev " + devName, epochEnds.subList(0, Math.min(epochEnds.size(), dev.size())),
                        dev.subList(0, Math.min(epochEnds.size(), dev.size()))).onSecondAxis()));
        Png.write(png, 1, W, H, List.of(chart));
    }
}
