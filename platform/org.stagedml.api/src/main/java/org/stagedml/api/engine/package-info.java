/**
 * Compute engines (TensorFlow, ND4J) as services: what they are and where they compute.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.stagedml.api.engine;
