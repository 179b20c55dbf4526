package org.stagedml.model.bert.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The float variables of a graph under their checkpoint names (e.g.
 * {@code bert/encoder/layer_0/attention/self/query/kernel}), each read through an Identity: math on
 * a raw ref variable fails or crashes the gradient code in TensorFlow Java.
 */
final class ParameterSet {
    /** One variable: its checkpoint name, shape, the variable (for assign) and its read. */
    record Parameter(String name, long[] shape, Variable<TFloat32> variable, Operand<TFloat32> read) {
        long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final GraphScopes scopes;
    private final List<Parameter> parameters = new ArrayList<>();

    ParameterSet(GraphScopes scopes) {
        this.scopes = scopes;
    }

    /** A new variable named {@code name} (its graph op gets the same name); returns its read. */
    Operand<TFloat32> create(String name, long... shape) {
        int slash = name.lastIndexOf('/');
        Ops scope = scopes.get(slash < 0 ? "" : name.substring(0, slash));
        Variable<TFloat32> v = scope.withName(name.substring(slash + 1)).variable(Shape.of(shape), TFloat32.class);
        Operand<TFloat32> read = scope.identity(v);
        parameters.add(new Parameter(name, shape.clone(), v, read));
        return read;
    }

    List<Parameter> all() {
        return Collections.unmodifiableList(parameters);
    }

    long count() {
        return parameters.stream().mapToLong(Parameter::size).sum();
    }
}
