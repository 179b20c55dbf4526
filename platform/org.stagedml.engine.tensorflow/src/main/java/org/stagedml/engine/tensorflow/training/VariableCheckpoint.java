package org.stagedml.engine.tensorflow.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Saves and restores a set of a graph's variables (model weights, optimizer slots, any state kept
 * in variables) as a TensorFlow checkpoint ({@code <prefix>.index} and {@code <prefix>.data-*}),
 * under the names given: what a training stage writes into its checkpoint area
 * ({@code BuildContext.checkpoint()}) to resume after a kill, and restores from it. Build it once
 * per graph, before the session runs; the ops live in their own name scope.
 */
public final class VariableCheckpoint {
    /** The file prefix {@link #saveTo} and {@link #restoreFrom} use inside a folder. */
    public static final String PREFIX = "variables";

    private final List<String> names;
    private final Placeholder<TString> prefix;
    private final Op save;
    private final Op restore;

    private VariableCheckpoint(List<String> names, Placeholder<TString> prefix, Op save, Op restore) {
        this.names = names;
        this.prefix = prefix;
        this.save = save;
        this.restore = restore;
    }

    /**
     * Builds the save and restore ops for these variables (checkpoint name -> variable, in a stable
     * order) in {@code tf}'s graph, under the name scope {@code scope}.
     */
    public static VariableCheckpoint of(Ops tf, String scope, Map<String, ? extends Variable<? extends TType>> variables) {
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("no variables to checkpoint");
        }
        Ops s = tf.withSubScope(scope);
        Map<String, Variable<? extends TType>> vars = new LinkedHashMap<>(variables);
        List<String> names = List.copyOf(vars.keySet());
        Placeholder<TString> prefix = s.withName("prefix").placeholder(TString.class, Placeholder.shape(Shape.scalar()));
        Operand<TString> nameTensor = s.constant(NdArrays.vectorOfObjects(names.toArray(String[]::new)));
        String[] whole = new String[names.size()];
        java.util.Arrays.fill(whole, ""); // empty shape-and-slice: whole tensors
        Operand<TString> slices = s.constant(NdArrays.vectorOfObjects(whole));
        List<Operand<?>> reads = new ArrayList<>();
        List<Class<? extends TType>> types = new ArrayList<>();
        for (Variable<? extends TType> v : vars.values()) {
            reads.add(s.identity(v));
            types.add(v.type());
        }
        Op save = s.train.save(prefix, nameTensor, slices, reads);
        var restored = s.train.restore(prefix, nameTensor, slices, types);
        List<Op> assigns = new ArrayList<>();
        int i = 0;
        for (Variable<? extends TType> v : vars.values()) {
            assigns.add(assign(s, v, restored.tensors().get(i++)));
        }
        Op restore = s.withControlDependencies(assigns).noOp();
        return new VariableCheckpoint(names, prefix, save, restore);
    }

    @SuppressWarnings("unchecked")
    private static <T extends TType> Op assign(Ops tf, Variable<T> v, Operand<?> value) {
        return tf.assign(v, (Operand<T>) value);
    }

    /** The checkpoint names, in order. */
    public List<String> names() {
        return names;
    }

    /** Writes the variables' current values to the checkpoint files {@code prefix.*}. */
    public void save(Session session, Path prefixPath) {
        run(session, save, prefixPath);
    }

    /** Sets the variables to the values in the checkpoint files {@code prefix.*}. */
    public void restore(Session session, Path prefixPath) {
        run(session, restore, prefixPath);
    }

    /** {@link #save} into a folder (as {@value #PREFIX}.*), e.g. one a checkpoint area handed out. */
    public void saveTo(Session session, Path folder) {
        save(session, folder.resolve(PREFIX));
    }

    /** {@link #restore} from a folder written by {@link #saveTo}. */
    public void restoreFrom(Session session, Path folder) {
        restore(session, folder.resolve(PREFIX));
    }

    private void run(Session session, Op op, Path prefixPath) {
        try (TString p = TString.scalarOf(prefixPath.toAbsolutePath().toString())) {
            session.runner().feed(prefix, p).addTarget(op).run().close();
        }
    }
}
