/** Implementation of the runtime: bundle-cache slots and reconciling the installed bundles. */
package org.stagedml.runtime.internal;
