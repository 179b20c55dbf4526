/**
 * Core value types shared by every bundle: derivation and realization references, configs and
 * their schemas, derivations with their canonical hash, realization metadata, matchers, errors,
 * and summary statistics of metrics.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package org.stagedml.api;
