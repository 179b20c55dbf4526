/**
 * The realizer's implementation: the registry of Stage services (known by their service
 * properties, activated only when needed), the instantiator that turns a stage and overrides into
 * a closure of derivations, the realize job (its handle, the closure walk, the pure selection
 * rules and the build of one node) within resource slots, the build context handed to stages,
 * navigation through realizations, and the thin DS component wrapping it all. Plain classes,
 * usable without OSGi.
 */
package org.stagedml.realizer.internal;
