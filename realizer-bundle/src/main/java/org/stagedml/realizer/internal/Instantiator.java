package org.stagedml.realizer.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.CanonicalJson;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.DRef;
import org.stagedml.api.DependencyCycleException;
import org.stagedml.api.Derivation;
import org.stagedml.api.Json;
import org.stagedml.api.StageNotFoundException;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.realize.Closure;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.store.Store;

/**
 * Turns a stage name and overrides into a {@link Closure}: validates the overrides against each
 * schema, derives dependencies recursively, detects cycles and computes every DRef. Writes nothing
 * but derivation documents, and only once the whole closure is known.
 *
 * <p>Override keys without a dot go to the stage itself; {@code dep.field=value} goes to the
 * dependency under field {@code dep} (recursively), over what the stage itself asks for it.
 * A STAGE field's value names the stage of its dependency ({@link StageChoice}); PATH fields naming
 * local files get their content hash ({@link LocalPaths}); a dependency handed a STAGE field's choice
 * gets that field's dotted overrides too ({@link StageChoice#forwarded}). Old field names are rewritten
 * first ({@link org.stagedml.api.ConfigSchema#resolveAliases}).
 * The walk uses an explicit stack (deep DAGs such as {@code example-chain depth=10000} would
 * overflow the Java stack) and memoises each stage+config, so a derivation reached by several
 * paths is derived once.
 */
public final class Instantiator {
    private final StageRegistry registry;
    private final Store store;
    private final DerivationMemo derivationMemo = new DerivationMemo();

    public Instantiator(StageRegistry registry, Store store) {
        this.registry = registry;
        this.store = store;
    }

    /** One stage to instantiate with these overrides; {@code via} says who asked (for messages). */
    private record Request(String stage, Map<String, ?> overrides, String via) {
    }

    /** A stage whose schema config is known and whose dependencies are being derived. */
    private static final class Frame {
        final RegisteredStage stage;
        final Config schemaConfig;
        final String key;
        final List<String> fields = new ArrayList<>();
        final List<Request> children = new ArrayList<>();
        final Map<String, DRef> childDrefs = new LinkedHashMap<>();
        int next;
        Frame pendingChild;
        String requestKey;

        Frame(RegisteredStage stage, Config schemaConfig, String key) {
            this.stage = stage;
            this.schemaConfig = schemaConfig;
            this.key = key;
        }
    }

    public Closure instantiate(String stage, Map<String, ?> overrides) {
        Map<String, DRef> memo = new HashMap<>();
        Map<String, DRef> requestMemo = new HashMap<>(); // stage + overrides -> DRef, skips prepare on a revisit
        Map<String, Frame> onStack = new HashMap<>();
        List<Frame> stack = new ArrayList<>();
        Map<DRef, Closure.Node> nodes = new LinkedHashMap<>();
        Map<DRef, Derivation> derivations = new LinkedHashMap<>();

        Frame root = prepare(new Request(stage, overrides == null ? Map.of() : overrides, null));
        stack.add(root);
        onStack.put(root.key, root);
        while (!stack.isEmpty()) {
            Frame f = stack.get(stack.size() - 1);
            if (f.next < f.children.size()) {
                Frame child = f.pendingChild;
                if (child == null) {
                    Request request = f.children.get(f.next);
                    String requestKey = requestKey(request);
                    DRef seen = requestKey == null ? null : requestMemo.get(requestKey);
                    if (seen != null) {
                        f.childDrefs.put(f.fields.get(f.next), seen);
                        f.next++;
                        continue;
                    }
                    child = prepare(request);
                    child.requestKey = requestKey;
                }
                DRef done = memo.get(child.key);
                if (done != null) {
                    f.childDrefs.put(f.fields.get(f.next), done);
                    f.next++;
                    f.pendingChild = null;
                } else if (onStack.containsKey(child.key)) {
                    throw cycle(stack, child);
                } else {
                    f.pendingChild = child;
                    stack.add(child);
                    onStack.put(child.key, child);
                }
                continue;
            }
            DerivationMemo.Hashed hashed = derivationMemo.derive(f.stage.name(), f.stage.version(), f.key,
                    f.schemaConfig, f.childDrefs);
            Derivation derivation = hashed.derivation();
            DRef dref = hashed.dref();
            memo.put(f.key, dref);
            if (f.requestKey != null) {
                requestMemo.put(f.requestKey, dref);
            }
            onStack.remove(f.key);
            stack.remove(stack.size() - 1);
            if (!derivations.containsKey(dref)) {
                derivations.put(dref, derivation);
                nodes.put(dref, new Closure.Node(dref, derivation, f.childDrefs, 0));
            }
        }

        List<Closure.Node> written = new ArrayList<>(nodes.size());
        for (Closure.Node n : nodes.values()) {
            DRef stored = store.addDerivation(n.derivation());
            if (!stored.equals(n.dref())) {
                throw new StagedmlException("the store computed " + stored + " for derivation " + n.dref()
                        + "; the store and the realizer disagree on hashing");
            }
            written.add(new Closure.Node(n.dref(), n.derivation(), n.dependencies(),
                    store.realizations(n.dref()).size()));
        }
        return new Closure(memo.get(root.key), written);
    }

    /** The stage name and canonical overrides of a request; null when the overrides are not plain JSON. */
    private static String requestKey(Request r) {
        if (r.overrides().isEmpty()) {
            return r.stage() + '\n';
        }
        try {
            return r.stage() + '\n' + CanonicalJson.write(OverridesJson.tree(r.overrides()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Frame prepare(Request r) {
        RegisteredStage rs = lookup(r);
        String name = rs.name();
        Map<String, Object> own = new LinkedHashMap<>();
        Map<String, Map<String, Object>> routed = new LinkedHashMap<>();
        // old field names the schema still accepts (bert_stage=... is bert=...) before anything else
        rs.stage().schema().resolveAliases(name, r.overrides()).forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot < 0) {
                own.put(key, value);
            } else if (dot == 0 || dot == key.length() - 1) {
                throw new ConfigException("invalid override key '" + key + "' for stage '" + name
                        + "': use field=value or dependency.field=value");
            } else {
                routed.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>())
                        .put(key.substring(dot + 1), value);
            }
        });
        Config schemaConfig = LocalPaths.hash(name, rs.stage().schema(),
                rs.stage().schema().apply(name, own));
        Map<String, Dependency> deps;
        try {
            deps = rs.stage().dependencies(schemaConfig);
        } catch (StagedmlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StagedmlException("stage '" + name + "' failed to derive its dependencies from "
                    + schemaConfig + ": " + e, e);
        }
        deps = StageChoice.complete(name, rs.stage().schema(), schemaConfig, deps == null ? Map.of() : deps, registry);
        for (String field : routed.keySet()) {
            if (!deps.containsKey(field)) {
                throw new ConfigException("stage '" + name + "' has no dependency '" + field + "' (in override '"
                        + field + "." + routed.get(field).keySet().iterator().next() + "'); its dependencies are "
                        + deps.keySet());
            }
        }
        String key = name + '\n' + schemaConfig.canonical()
                + (routed.isEmpty() ? "" : '\n' + CanonicalJson.write(Json.mapper().valueToTree(routed)));
        Frame f = new Frame(rs, schemaConfig, key);
        deps.forEach((field, dep) -> {
            if (schemaConfig.has(field) && !StageChoice.isChoice(rs.stage().schema(), field)) {
                throw new StagedmlException("stage '" + name + "' declares dependency field '" + field
                        + "', which is also a config field; the stage must use another name");
            }
            Map<String, Object> merged = new LinkedHashMap<>(dep.overrides());
            merged.putAll(StageChoice.forwarded(rs.stage().schema(), schemaConfig, field, dep, routed));
            Map<String, Object> extra = routed.get(field);
            if (extra != null) {
                // a dotted user override replaces what the stage asked, including deeper dotted keys
                merged.putAll(extra);
            }
            f.fields.add(field);
            f.children.add(new Request(dep.stage(), merged, name + "." + field));
        });
        return f;
    }

    private RegisteredStage lookup(Request r) {
        try {
            return registry.get(r.stage());
        } catch (StageNotFoundException e) {
            if (r.via() == null) {
                throw e;
            }
            throw new MissingDependencyException(r.stage(), r.via());
        }
    }

    private static DependencyCycleException cycle(List<Frame> stack, Frame repeated) {
        List<String> names = new ArrayList<>();
        boolean in = false;
        for (Frame f : stack) {
            in |= f.key.equals(repeated.key);
            if (in) {
                names.add(f.stage.name());
            }
        }
        names.add(repeated.stage.name());
        return new DependencyCycleException(names);
    }

    /** A dependency names a stage that is not registered; says which stage and field need it. */
    static final class MissingDependencyException extends StageNotFoundException {
        private static final long serialVersionUID = 1L;
        private final String via;

        MissingDependencyException(String stage, String via) {
            super(stage);
            this.via = via;
        }

        @Override
        public String getMessage() {
            return "unknown stage '" + stage() + "', needed by dependency field " + via
                    + ": install or start the bundle that provides it (stage:list shows what is registered)";
        }
    }
}
