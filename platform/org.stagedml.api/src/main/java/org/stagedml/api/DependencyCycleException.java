package org.stagedml.api;

import java.util.List;

/** The dependencies of a stage lead back to itself. The message names the cycle. */
public class DependencyCycleException extends StagedmlException {
    private static final long serialVersionUID = 1L;
    private final List<String> cycle;

    public DependencyCycleException(List<String> cycle) {
        super("dependency cycle: " + String.join(" -> ", cycle));
        this.cycle = List.copyOf(cycle);
    }

    /** The stages of the cycle, first repeated last. */
    public List<String> cycle() {
        return cycle;
    }
}
