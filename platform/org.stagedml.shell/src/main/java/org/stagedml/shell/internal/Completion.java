package org.stagedml.shell.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.stagedml.api.DRef;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.realize.StageInfo;
import org.stagedml.api.store.Store;

/**
 * What the interactive shell offers on TAB after a {@code stage:} or {@code store:} command: stage
 * names, config keys from the stage's schema ({@code epochs=}, with the field's doc; {@code glue.}
 * into a dependency, the values of a choice), refs and stage names from the store, root names,
 * and the values of {@code --match}. Pure: the JLine side is {@link JLineCompletion}.
 */
final class Completion {
    /** What a positional word of a command is. */
    enum Arg { STAGE, OVERRIDES, STORED, STORED_ALL, EXACT_REF, NEW_ROOT, ROOT, FILE }

    /** A candidate: the text to put in, its description, and whether a space follows (false for {@code key=}). */
    record Suggestion(String value, String description, boolean complete) {
    }

    /** One command: its scope, function, the class serving it and its positional words, the last repeating. */
    record Spec(String scope, String function, Class<?> type, List<Arg> args) {
        String name() {
            return scope + ":" + function;
        }

        List<Method> methods() {
            return new Help.Command(scope, function, type).methods();
        }

        /** The {@code @Parameter}s (options and flags) of its methods, with their descriptions (null when none). */
        Map<Parameter, String> parameters() {
            Map<Parameter, String> out = new LinkedHashMap<>();
            for (Method m : methods()) {
                for (Annotation[] as : m.getParameterAnnotations()) {
                    Parameter p = Help.find(as, Parameter.class);
                    Descriptor d = Help.find(as, Descriptor.class);
                    if (p != null) {
                        out.put(p, d == null ? null : d.value());
                    }
                }
            }
            return out;
        }

        /** Option name -> whether it takes a value. */
        Map<String, Boolean> options() {
            Map<String, Boolean> options = new LinkedHashMap<>();
            parameters().keySet().forEach(p -> {
                for (String n : p.names()) {
                    options.put(n, p.presentValue().equals(Parameter.UNSPECIFIED));
                }
            });
            return options;
        }

        /** The description of an option, or null. */
        String optionDoc(String option) {
            return parameters().entrySet().stream().filter(e -> List.of(e.getKey().names()).contains(option))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        String doc() {
            return methods().stream().map(m -> m.getAnnotation(Descriptor.class)).filter(d -> d != null)
                    .map(Descriptor::value).findFirst().orElse(null);
        }
    }

    /** The commands completed, with what their words are. */
    static final List<Spec> SPECS = List.of(
            new Spec("stage", "show", StageCommands.class, List.of(Arg.STAGE)),
            new Spec("stage", "instantiate", StageCommands.class, List.of(Arg.STAGE, Arg.OVERRIDES)),
            new Spec("stage", "realize", StageCommands.class, List.of(Arg.STAGE, Arg.OVERRIDES)),
            new Spec("stage", "sweep", SweepCommands.class, List.of(Arg.STAGE, Arg.OVERRIDES)),
            new Spec("store", "list", StoreCommands.class, List.of(Arg.STORED)),
            new Spec("store", "show", StoreCommands.class, List.of(Arg.STORED)),
            new Spec("store", "path", StoreCommands.class, List.of(Arg.STORED)),
            new Spec("store", "log", StoreCommands.class, List.of(Arg.STORED)),
            new Spec("store", "verify", StoreCommands.class, List.of(Arg.STORED_ALL)),
            new Spec("store", "export", StoreCommands.class, List.of(Arg.STORED, Arg.FILE)),
            new Spec("store", "compare", StoreCommands.class, List.of(Arg.STORED)),
            new Spec("store", "rm", StoreCommands.class, List.of(Arg.EXACT_REF)),
            new Spec("store", "gc", StoreCommands.class, List.of()),
            new Spec("store", "root-add", StoreRootCommands.class, List.of(Arg.NEW_ROOT, Arg.STORED)),
            new Spec("store", "root-rm", StoreRootCommands.class, List.of(Arg.ROOT)));

    /** Values offered after {@code --match}. */
    private static final List<String> MATCHERS = List.of("only", "latest", "latest:", "best:", "some:", "all", "exact:");

    private final Realizer realizer;
    private final Store store;

    Completion(Realizer realizer, Store store) {
        this.realizer = realizer;
        this.store = store;
    }

    /** The spec of a command as typed: {@code stage:realize}, or {@code realize} (stage first, then store). */
    static Optional<Spec> spec(String command) {
        for (Spec s : SPECS) {
            if (s.name().equals(command)) {
                return Optional.of(s);
            }
        }
        return SPECS.stream().filter(s -> s.function().equals(command)).findFirst();
    }

    /**
     * The candidates for the word at {@code index} of the line (words[0] is the command); the
     * word being typed is {@code words.get(index)} (empty after a space).
     */
    List<Suggestion> suggest(List<String> words, int index) {
        if (index < 1 || words.isEmpty() || index >= words.size() + 1) {
            return List.of();
        }
        Optional<Spec> found = spec(words.get(0));
        if (found.isEmpty()) {
            return List.of();
        }
        Spec spec = found.get();
        String word = index < words.size() ? words.get(index) : "";
        Map<String, Boolean> options = spec.options();
        // the positional words before this one, skipping options and the values they take
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < index && i < words.size(); i++) {
            String w = words.get(i);
            if (options.containsKey(w)) {
                if (options.get(w)) {
                    if (i + 1 == index) {
                        return optionValue(w);
                    }
                    i++;
                }
            } else if (!w.startsWith("-")) {
                positional.add(w);
            }
        }
        if (spec.args().isEmpty() || word.startsWith("-")) {
            return List.of(); // options: JLine offers them from the installed option lists
        }
        Arg arg = spec.args().get(Math.min(positional.size(), spec.args().size() - 1));
        if (positional.size() >= spec.args().size() && arg != Arg.OVERRIDES && arg != Arg.STORED_ALL) {
            return List.of();
        }
        return switch (arg) {
            case STAGE -> stages();
            case OVERRIDES -> overrides(positional.get(0), word, positional.subList(1, positional.size()));
            case STORED, STORED_ALL -> stored(true);
            case EXACT_REF -> stored(false);
            case ROOT -> store.roots().keySet().stream().map(n -> new Suggestion(n, "-> " + store.roots().get(n), true))
                    .toList();
            case NEW_ROOT, FILE -> List.of();
        };
    }

    private List<Suggestion> optionValue(String option) {
        if (option.equals("-m") || option.equals("--match")) {
            return MATCHERS.stream().map(m -> new Suggestion(m, "matcher", !m.endsWith(":"))).toList();
        }
        return List.of();
    }

    private List<Suggestion> stages() {
        return realizer.stageSummaries().stream().map(s -> new Suggestion(s.name(), s.description(), true)).toList();
    }

    /** Stage names with realizations, then drefs and rrefs (exact refs only when {@code names} is false). */
    private List<Suggestion> stored(boolean names) {
        Set<String> stageNames = new TreeSet<>();
        List<Suggestion> refs = new ArrayList<>();
        for (DRef d : store.derivations()) {
            stageNames.add(d.name());
            refs.add(new Suggestion(d.toString(), "derivation", true));
            for (RealizationInfo r : store.realizations(d)) {
                refs.add(new Suggestion(r.rref().toString(), Text.time(r.finished()), true));
            }
        }
        List<Suggestion> out = new ArrayList<>();
        if (names) {
            stageNames.forEach(n -> out.add(new Suggestion(n, "stage", true)));
        }
        out.addAll(refs);
        return out;
    }

    /**
     * The overrides of a stage: {@code field=} for each field not given yet (with its doc), and
     * {@code dep.} for each dependency; after a dot, the fields of that dependency's stage; after
     * {@code =}, the values of a choice or boolean field.
     */
    private List<Suggestion> overrides(String stageName, String word, List<String> given) {
        Optional<StageInfo> stage = realizer.stage(stageName);
        if (stage.isEmpty()) {
            return List.of();
        }
        int eq = word.indexOf('=');
        String key = eq < 0 ? word : word.substring(0, eq);
        int dot = key.lastIndexOf('.');
        String prefix = dot < 0 ? "" : key.substring(0, dot + 1);
        Optional<StageInfo> target = dot < 0 ? stage : dependencyStage(stage.get(), key.substring(0, dot));
        if (target.isEmpty()) {
            return List.of();
        }
        if (eq >= 0) {
            String field = key.substring(dot + 1);
            return target.get().schema().fields().stream().filter(f -> f.name().equals(field))
                    .flatMap(f -> values(f).stream()).map(v -> new Suggestion(key + "=" + v, null, true)).toList();
        }
        Set<String> givenKeys = new LinkedHashSet<>();
        given.forEach(g -> givenKeys.add(g.contains("=") ? g.substring(0, g.indexOf('=')) : g));
        List<Suggestion> out = new ArrayList<>();
        for (FieldSpec f : target.get().schema().fields()) {
            if (!givenKeys.contains(prefix + f.name())) {
                out.add(new Suggestion(prefix + f.name() + "=", f.doc(), false));
            }
        }
        target.get().dependencies().forEach((field, dep) -> out.add(
                new Suggestion(prefix + field + ".", "the fields of " + dep, false)));
        return out;
    }

    /** The stage a dotted path of dependency fields leads to ({@code glue} or {@code data.glue}). */
    private Optional<StageInfo> dependencyStage(StageInfo from, String path) {
        StageInfo at = from;
        for (String field : path.split("\\.")) {
            String dep = at.dependencies().get(field);
            Optional<StageInfo> next = dep == null ? Optional.empty() : realizer.stage(dep);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            at = next.get();
        }
        return Optional.of(at);
    }

    private static List<String> values(FieldSpec f) {
        if (f.type() == FieldType.CHOICE) {
            return f.allowed();
        }
        if (f.type() == FieldType.BOOLEAN) {
            return List.of("true", "false");
        }
        return List.of();
    }
}
