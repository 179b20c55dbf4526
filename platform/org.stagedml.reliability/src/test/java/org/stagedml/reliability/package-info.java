/**
 * Reliability and safety tests (failsafe, {@code *IT}): SIGKILL trials, concurrent processes on one
 * store, gc during builds, corruption, bad input and safety defaults. See docs/RELIABILITY.md.
 */
package org.stagedml.reliability;
