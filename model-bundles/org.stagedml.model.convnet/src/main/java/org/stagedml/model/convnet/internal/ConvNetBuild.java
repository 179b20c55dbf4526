package org.stagedml.model.convnet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.Json;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.Checkpoint;
import org.stagedml.api.stage.PeakMemory;
import org.stagedml.api.train.CheckpointSteps;
import org.stagedml.api.train.TrainingMonitor;
import org.stagedml.engine.tensorflow.training.DeviceSessions;

/**
 * One {@code convnet-mnist} build after its inputs are loaded: trains, then writes the outputs into
 * the build's folder: metrics.json, history.jsonl (while training), model.zip (see
 * {@link LeNetModel#save}), confusion.json, curves.png and confusion.png.
 */
public final class ConvNetBuild {
    /** Every file a successful build leaves at its root. */
    public static final List<String> OUTPUTS = List.of("metrics.json", "history.jsonl", "model.zip",
            "confusion.json", "curves.png", "confusion.png");

    private ConvNetBuild() {
    }

    /** Trains with one TensorFlow thread per processor; the caller closes the result's model. */
    public static ConvNetTrainer.Result run(BuildContext b, ConvNetSettings settings, IdxImages train, IdxImages test,
            List<String> classNames) throws IOException {
        return run(b, settings, train, test, classNames, Runtime.getRuntime().availableProcessors(), DeviceSessions.CPU,
                CheckpointSteps.DEFAULT);
    }

    /**
     * @param threads the CPUs granted to the build
     * @param device {@code cpu} or {@code gpu:<k>} (see {@link DeviceSessions}); the caller closes the result's model
     * @param checkpointSteps a checkpoint every so many steps besides every epoch ({@link CheckpointSteps}; 0: epochs only)
     */
    public static ConvNetTrainer.Result run(BuildContext b, ConvNetSettings settings, IdxImages train, IdxImages test,
            List<String> classNames, int threads, String device, int checkpointSteps) throws IOException {
        int classes = Math.max(classNames.size(), Math.max(train.classCount(), test.classCount()));
        StepLosses losses = new StepLosses();
        b.log(String.format("convnet-mnist: %d training and %d test images of %dx%dx%d, %d classes, %s, on %s",
                train.count(), test.count(), train.rows(), train.cols(), train.channels(), classes, settings, device));
        ConvNetTrainer trainer = new ConvNetTrainer(settings, losses.monitor(b), threads, device)
                .withCheckpoint(b.checkpoint(), checkpointSteps);
        ConvNetTrainer.Result result = trainer.train(train, test, classes);
        if (trainer.resumedFrom() != null) {
            b.note(Checkpoint.RESUMED_FROM, trainer.resumedFrom());
        }
        try {
            write(b, result, losses, train, classNames);
        } catch (IOException | RuntimeException e) {
            result.net().close();
            throw e;
        }
        return result;
    }

    private static void write(BuildContext b, ConvNetTrainer.Result result, StepLosses losses, IdxImages train,
            List<String> classNames) throws IOException {
        b.checkCancelled();
        Path out = b.out();
        result.net().save(out.resolve("model.zip"));
        EpochResult last = result.last();
        writeConfusion(out.resolve("confusion.json"), last.test().confusion(), classNames);
        Plots.curves(losses.steps(), losses.losses(), result.epochs(), out.resolve("curves.png"));
        Plots.confusion(last.test().confusion(), classNames, out.resolve("confusion.png"));
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", last.test().accuracy());
        metrics.put("loss", last.test().loss());
        metrics.put("train_loss", last.trainLoss());
        metrics.put("best_accuracy", result.bestAccuracy());
        metrics.put("epochs", result.epochs().size());
        metrics.put("train_seconds", result.trainSeconds());
        metrics.put("seconds_per_epoch", result.trainSeconds() / result.epochs().size());
        metrics.put("images_per_second", (double) train.count() * result.epochs().size() / result.trainSeconds());
        double rss = PeakMemory.megabytes();
        if (Double.isFinite(rss)) {
            metrics.put(PeakMemory.METRIC, rss);
        }
        b.writeMetrics(metrics);
        b.progress(1.0, String.format("test accuracy %.4f", last.test().accuracy()));
    }

    private static void writeConfusion(Path file, int[][] m, List<String> names) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode classes = root.putArray("classes");
        names.forEach(classes::add);
        ArrayNode rows = root.putArray("matrix");
        for (int[] row : m) {
            ArrayNode r = rows.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        root.put("rows", "actual");
        root.put("columns", "predicted");
        Json.mapper().writeValue(file.toFile(), root);
    }

    /** The periodic training losses (step, loss) of the history records, for the curves. */
    private static final class StepLosses {
        private final List<double[]> points = new ArrayList<>();

        /** A monitor reporting to the build that keeps the losses on the way. */
        TrainingMonitor monitor(BuildContext b) {
            return TrainingMonitor.teeing(TrainingMonitor.of(b), record -> {
                if (record.get("loss") instanceof Number loss && record.get("step") instanceof Number step) {
                    points.add(new double[] {step.doubleValue(), loss.doubleValue()});
                }
            });
        }

        double[] steps() {
            return points.stream().mapToDouble(p -> p[0]).toArray();
        }

        double[] losses() {
            return points.stream().mapToDouble(p -> p[1]).toArray();
        }
    }
}
