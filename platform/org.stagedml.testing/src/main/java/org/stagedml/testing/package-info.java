/**
 * Test support for stage bundles (test scope only): {@link org.stagedml.testing.RealizeFixture} is the
 * real store, stage registry and realizer on a temporary folder, {@link org.stagedml.testing.LoopbackHttpServer}
 * serves generated files on 127.0.0.1 with faults on demand, {@link org.stagedml.testing.FolderBuildContext}
 * calls a stage's build directly over a folder, {@link org.stagedml.testing.TestEngine} is the Engine
 * service for plain class-path tests of model stages, and {@link org.stagedml.testing.GeneratedGlueStage}
 * stands in for the {@code glue} stage with {@link org.stagedml.testing.GeneratedGlueTask generated tasks};
 * {@link org.stagedml.testing.RecordingMonitor} records what a trainer reports and cancels it on cue;
 * {@link org.stagedml.testing.TextSplit} reads a glue-jsonl split as prediction inputs and scores predictions
 * (0.4.0: a FolderBuildContext can grant {@code gpu:<k>}, a RecordingMonitor run a hook at each check,
 * {@link org.stagedml.testing.Rendezvous} lets concurrent trainings meet, and TextSplit; 0.5.0:
 * {@link org.stagedml.testing.MediaWikiExport} writes pages as a Wikipedia dump's XML).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package org.stagedml.testing;
