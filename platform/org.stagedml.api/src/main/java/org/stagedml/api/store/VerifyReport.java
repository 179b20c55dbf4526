package org.stagedml.api.store;

import java.util.List;
import org.stagedml.api.RRef;

/**
 * The result of {@link Store#verify}.
 *
 * @param checked how many realizations were checked
 * @param problems each corrupted realization with the file and what is wrong
 */
public record VerifyReport(int checked, List<Problem> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * @param rref the realization
     * @param file the relative path concerned ("" for the realization as a whole)
     * @param message what is wrong
     */
    public record Problem(RRef rref, String file, String message) {
        @Override
        public String toString() {
            return rref + (file.isEmpty() ? "" : " " + file) + ": " + message;
        }
    }
}
