/**
 * Test support for stage bundles (test scope only): {@link org.stagedml.testing.LoopbackHttpServer}
 * serves generated files on 127.0.0.1 with faults on demand, {@link org.stagedml.testing.FolderBuildContext}
 * calls a stage's build directly over a folder.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.stagedml.testing;
