/**
 * The {@code bin/stagedml} command line: one Gogo command non-interactively (exit code and errors
 * on stderr), or the interactive Gogo shell when no command is given.
 */
package org.stagedml.runtime.cli;
