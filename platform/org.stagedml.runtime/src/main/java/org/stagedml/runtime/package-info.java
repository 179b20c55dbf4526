/**
 * The embedded runtime: starts Apache Felix inside an ordinary Java process with the StagedML
 * platform bundles, keeps its bundle cache between launches, and stops it cleanly. Plain Java, for
 * a host application's class path; nothing here needs OSGi on the caller's side.
 */
package org.stagedml.runtime;
