package org.stagedml.realizer.internal;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.execute.BuildExecutor;
import org.stagedml.api.execute.SubmitterEnvironment;

/**
 * Which executor a realize's builds go to: the one its options name, else the configured default;
 * {@value #LOCAL} (the realizer's own threads) unless configured otherwise. An executor named but
 * not registered is refused before anything is built.
 */
public final class ExecutorChoice {
    static final String LOCAL = "local";
    private final Supplier<Collection<BuildExecutor>> registered;
    private final String configured;

    public ExecutorChoice(Supplier<Collection<BuildExecutor>> registered, String configured) {
        this.registered = registered;
        this.configured = configured == null || configured.isBlank() ? LOCAL : configured.trim();
    }

    static ExecutorChoice localOnly() {
        return new ExecutorChoice(List::of, LOCAL);
    }

    ExecutorChoice withDefault(String name) {
        return new ExecutorChoice(registered, name);
    }

    /** The executor for a realize (null: local threads); a StagedmlException naming the known ones. */
    BuildExecutor choose(String asked) {
        String name = asked == null || asked.isBlank() ? configured : asked.trim();
        if (name.equals(LOCAL)) {
            return null;
        }
        Collection<BuildExecutor> all = registered.get();
        for (BuildExecutor e : all) {
            if (name.equals(e.name())) {
                // on the submitting thread: the environment is its person's (a server's client's)
                return e.forSubmitter(SubmitterEnvironment.current());
            }
        }
        TreeSet<String> names = new TreeSet<>();
        names.add(LOCAL);
        all.forEach(e -> names.add(e.name()));
        throw new StagedmlException("no executor named '" + name + "' is running; the executors are " + names
                + (name.equals("slurm") ? " (the bundle org.stagedml.executor.slurm provides slurm; is it installed and active?)" : "")
                + (asked == null || asked.isBlank() ? "; the realizer's configuration (org.stagedml.realizer executor=) names it" : ""));
    }
}
