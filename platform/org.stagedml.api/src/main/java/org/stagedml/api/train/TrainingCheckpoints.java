package org.stagedml.api.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.stagedml.api.stage.Checkpoint;

/**
 * The checkpoints of one training run in a build's {@link Checkpoint} area: each holds the model's
 * state (written and read by the model) beside an {@link EpochCheckpoint}. A model's trainer saves
 * through {@link #save} (after an epoch, or from {@link MinibatchLoop#checkpointEvery}) and, before its
 * first epoch, resumes through {@link #resumeLast}. Failures to read or write become
 * {@link UncheckedIOException}s naming the model, since they surface from inside the training loop.
 *
 * @param <E> the model's record of one epoch's figures
 */
public final class TrainingCheckpoints<E> {
    /** Reads a model's state back from the folder its {@link Checkpoint.Writer} wrote. */
    @FunctionalInterface
    public interface StateReader {
        void read(Path folder) throws IOException;
    }

    private final String model;
    private final Checkpoint area;
    private final Class<E> epochType;
    private final Checkpoint.Writer saveState;
    private final StateReader restoreState;

    /**
     * @param model the stage name, for messages
     * @param area where the build keeps its checkpoints ({@link Checkpoint#none()}: nowhere)
     * @param epochType the class of the epochs' figures, as Jackson reads them back
     * @param saveState writes the model's state (weights, optimizer) into a checkpoint's folder
     * @param restoreState reads it back
     */
    public TrainingCheckpoints(String model, Checkpoint area, Class<E> epochType, Checkpoint.Writer saveState,
            StateReader restoreState) {
        this.model = model;
        this.area = area;
        this.epochType = epochType;
        this.saveState = saveState;
        this.restoreState = restoreState;
    }

    /** Saves one checkpoint: the model's state beside the loop's position, the epochs' figures and the history so far. */
    public void save(MinibatchLoop.Position at, List<E> epochs, List<Map<String, Object>> history) {
        try {
            new EpochCheckpoint<>(at, List.copyOf(epochs), List.copyOf(history)).save(area, saveState);
        } catch (IOException e) {
            throw new UncheckedIOException(model + ": cannot save a training checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Restores the model's state and the loop from the last checkpoint, hands its epochs' figures to
     * {@code epochsDone} and replays its history into the monitor ({@link EpochCheckpoint#resume});
     * returns the position training goes on from, empty when there is no checkpoint.
     */
    public Optional<MinibatchLoop.Position> resumeLast(MinibatchLoop loop, Consumer<List<E>> epochsDone, TrainingMonitor monitor) {
        try {
            Optional<Path> last = area.last();
            if (last.isEmpty()) {
                return Optional.empty();
            }
            restoreState.read(last.get());
            EpochCheckpoint<E> c = EpochCheckpoint.read(last.get(), epochType);
            c.resume(loop, epochsDone, monitor);
            return Optional.of(c.position());
        } catch (IOException e) {
            throw new UncheckedIOException(model + ": cannot read a training checkpoint: " + e.getMessage(), e);
        }
    }
}
