/**
 * The content-addressed store service: derivations, realizations, locks, roots, GC, verify,
 * export and import.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.6.0")
package org.stagedml.api.store;
