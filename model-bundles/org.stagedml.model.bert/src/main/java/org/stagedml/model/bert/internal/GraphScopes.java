package org.stagedml.model.bert.internal;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.op.Ops;

/**
 * One {@link Ops} per name prefix such as {@code bert/encoder/layer_0/attention/self}, built with
 * nested withSubScope and reused: withName rejects "/", and a second withSubScope of the same
 * name on one parent would renumber it (bert_1).
 */
final class GraphScopes {
    private final Ops root;
    private final Map<String, Ops> scopes = new HashMap<>();

    GraphScopes(Ops root) {
        this.root = root;
    }

    Ops root() {
        return root;
    }

    Ops get(String path) {
        if (path.isEmpty()) {
            return root;
        }
        Ops found = scopes.get(path);
        if (found == null) {
            int slash = path.lastIndexOf('/');
            Ops parent = slash < 0 ? root : get(path.substring(0, slash));
            found = parent.withSubScope(path.substring(slash + 1));
            scopes.put(path, found);
        }
        return found;
    }
}
