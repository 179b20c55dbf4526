/**
 * The StagedML server of one home (like Gradle's daemon): one framework, started once, runs the
 * commands of every client of the home's owner, each in its own Gogo session, with the home's
 * configuration files and hot bundles taken in before each command.
 */
package org.stagedml.runtime.server;
