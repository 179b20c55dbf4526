/**
 * Reading a realization's training history: the one reader of {@code history.jsonl} (the lines a
 * stage appends through {@code BuildContext.appendHistory}) that the dashboard, store:compare and
 * sweeps draw their curves from.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.stagedml.api.history;
