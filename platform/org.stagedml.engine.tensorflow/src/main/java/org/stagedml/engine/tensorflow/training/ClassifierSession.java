package org.stagedml.engine.tensorflow.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A {@link SoftmaxClassifier} graph in a TensorFlow session on a build's device: initialised from a
 * seed, trained one Adam step at a time with seeded dropout, asked for class probabilities, its
 * training state saved to and restored from a checkpoint folder ({@link AdamCheckpoint}) and its
 * weights written to or read from a {@link ModelZip}. The model bundles feed their own inputs
 * through {@link #runner}. Closing frees the native graph.
 *
 * @param <G> the model's graph class, built by the constructor's function
 */
public final class ClassifierSession<G> implements AutoCloseable {
    /** The model's own graph, as built. */
    public final G ops;
    private final SoftmaxClassifier.Output out;
    private final Graph graph;
    private final Session session;
    private final AdamSteps adam = new AdamSteps();

    /**
     * Builds the graph with {@code build}; {@code output} picks its classifier ops. On {@code gpu:<k>}
     * every operation of the finished graph is pinned to GPU k ({@link GraphDevices#pin}).
     */
    public ClassifierSession(Function<Graph, G> build, Function<G, SoftmaxClassifier.Output> output, int threads,
            String device) {
        this.graph = new Graph();
        try {
            this.ops = build.apply(graph);
            this.out = output.apply(ops);
            GraphDevices.pin(graph, device);
            this.session = new Session(graph, DeviceSessions.config(threads, device));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** The devices this graph's operations request: {@code /device:GPU:k} on a GPU, {@code ""} on the CPU. */
    public Set<String> requestedDevices() {
        return GraphDevices.requested(graph);
    }

    /** Seeded Xavier-normal weights, zero biases and moments ({@link GraphParameters#initialize}). */
    public void initialize(long seed) {
        out.inputs().parameters.initialize(session, seed, out.adam());
    }

    /** A runner to feed the model's inputs (and labels) into. */
    public Session.Runner runner() {
        return session.runner();
    }

    /**
     * One Adam step on the batch fed into {@code inputs}, with dropout at the given rate, its masks
     * seeded by {@code seed} and the step; returns the batch's mean loss before the step.
     */
    public float step(Session.Runner inputs, double dropout, long seed) {
        try (TFloat32 keep = TFloat32.scalarOf((float) (1 - dropout));
                TInt64 dropSeed = TInt64.vectorOf(seed, adam.next())) {
            return adam.run(inputs.feed(out.inputs().keepProb, keep).feed(out.inputs().dropoutSeed, dropSeed),
                    out.adam(), out.loss());
        }
    }

    /** Class probabilities {@code [n][classes]} of the {@code n} examples fed into {@code inputs}, without dropout. */
    public float[][] probabilities(Session.Runner inputs, int n) {
        try (Result res = inputs.fetch(out.probabilities()).run()) {
            return AdamSteps.rows((TFloat32) res.get(0), n, out.classes());
        }
    }

    /**
     * Writes what training needs to go on exactly from here into a folder: weights, Adam moments
     * and the step count with Adam's beta powers (dropout masks follow the step). For checkpoints.
     */
    public void saveState(Path folder) throws IOException {
        out.trainingState().saveTo(session, adam, folder);
    }

    /** Sets the training state to one written by {@link #saveState} (of a graph of the same settings). */
    public void restoreState(Path folder) throws IOException {
        out.trainingState().restoreFrom(session, adam, folder);
    }

    /** Writes model.zip: the model's JSON, then the checkpoint files ({@link ModelZip#write}). */
    public void save(Path zip, JsonNode model) throws IOException {
        ModelZip.write(zip, model, prefix -> checkpoint(out.checkpoint().save(), prefix));
    }

    /**
     * Reads the weights of a checkpoint written by {@link #save} ({@link ModelZip.Opened#checkpointPrefix});
     * closes this session if that fails, as a model being loaded is of no use then.
     */
    public void restore(String checkpointPrefix) {
        try {
            checkpoint(out.checkpoint().restore(), checkpointPrefix);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void checkpoint(Op target, String prefix) {
        try (TString p = TString.scalarOf(prefix)) {
            session.runner().feed(out.checkpoint().prefix(), p).addTarget(target).run().close();
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
