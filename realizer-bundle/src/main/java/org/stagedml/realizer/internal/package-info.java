/**
 * The realizer's implementation: the registry of Stage services, the instantiator that turns a
 * stage and overrides into a closure of derivations, the job that realizes a closure within
 * resource slots, the build context handed to stages, navigation through realizations, and the
 * thin DS component wrapping it all. Plain classes, usable without OSGi.
 */
package org.stagedml.realizer.internal;
