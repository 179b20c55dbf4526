package org.stagedml.api.realize;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stagedml.api.DRef;

/**
 * The result of instantiate: every derivation the target needs, dependencies before dependents.
 *
 * @param target the derivation asked for
 * @param nodes all derivations in dependency order (target last)
 */
public record Closure(DRef target, List<Node> nodes) {
    public Closure {
        nodes = List.copyOf(nodes);
    }

    public Optional<Node> node(DRef dref) {
        return nodes.stream().filter(n -> n.dref().equals(dref)).findFirst();
    }

    /**
     * One derivation of a closure.
     *
     * @param dref its reference
     * @param derivation the derivation document
     * @param dependencies config field -> the dependency's DRef
     * @param realizations how many realizations the store holds now
     */
    public record Node(DRef dref, org.stagedml.api.Derivation derivation, Map<String, DRef> dependencies,
            int realizations) {
        public Node {
            dependencies = Map.copyOf(dependencies);
        }
    }
}
