package org.stagedml.api.realize;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.stagedml.api.Derivation;
import org.stagedml.api.DRef;

/**
 * A build held at a break point. It keeps its derivation lock, its temporary GC roots and its
 * output folder (still outside the store) until resolved; the first resolution counts. What is in
 * {@link #out()} when the build goes on is what gets hashed and committed; a change made during the
 * pause is recorded in the realization's metadata (note {@value #TOUCHED_NOTE}).
 *
 * @since 0.5
 */
@ProviderType
public interface PausedBuild {
    /** The metadata note that says a realization was changed by hand at a break point. */
    String TOUCHED_NOTE = "touched-by-hand";

    enum Point {
        /** Before {@code build()}: the output folder is empty, the dependencies are ready. */
        BEFORE_BUILD,
        /** After {@code build()} returned, before the commit. */
        BEFORE_COMMIT
    }

    /** The id of the realize job. */
    long job();

    DRef dref();

    Point point();

    /** The build's output folder (outside the store; edits there are committed). */
    Path out();

    /** The derivation being built (stage, version, config). */
    Derivation derivation();

    /** For each dependency field, the folders of the realizations the build reads. */
    Map<String, List<Path>> dependencies();

    /** Goes on: before the build, runs {@code build()}; before the commit, commits what is in {@link #out()}. */
    void proceed();

    /** Before the build only: commits what is in {@link #out()} without running {@code build()}. */
    void skip();

    /** Cancels the whole realize: nothing of this build is committed. */
    void abort();

    /** Whether it was resolved (or its realize cancelled). */
    boolean isResolved();
}
