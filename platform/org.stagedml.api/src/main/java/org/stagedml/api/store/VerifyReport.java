package org.stagedml.api.store;

import java.util.List;
import org.stagedml.api.RRef;

/**
 * The result of {@link Store#verify}.
 *
 * @param checked how many realizations were checked
 * @param problems each corrupted realization with the file and what is wrong, and each problem of
 *        the store's own files (a root file that cannot be read, a derivation document that cannot
 *        be read), which have no realization: see {@link #storeProblems()}
 */
public record VerifyReport(int checked, List<Problem> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The problems of realizations (those with an rref). */
    public List<Problem> realizationProblems() {
        return problems.stream().filter(p -> p.rref() != null).toList();
    }

    /** The problems of the store's own files: root files and derivation documents (no rref). */
    public List<Problem> storeProblems() {
        return problems.stream().filter(p -> p.rref() == null).toList();
    }

    /**
     * @param rref the realization; null for a problem of the store's own files (see {@link #store})
     * @param file the relative path concerned: within the realization ("" for the realization as a
     *        whole), or within the store root when {@code rref} is null (e.g. {@code roots/last-x})
     * @param message what is wrong (and, for the store's own files, how to fix it)
     */
    public record Problem(RRef rref, String file, String message) {
        /** A problem of one of the store's own files, named relative to the store root. */
        public static Problem store(String file, String message) {
            return new Problem(null, file, message);
        }

        @Override
        public String toString() {
            return rref == null ? file + ": " + message : rref + (file.isEmpty() ? "" : " " + file) + ": " + message;
        }
    }
}
