/**
 * The realizer service: instantiate a stage's closure, realize it, observe progress.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.6.0")
package org.stagedml.api.realize;
