/**
 * The example stages: small, fast stages that show how to write a {@link org.stagedml.api.stage.Stage}
 * (schema, dependencies, matcher, build, progress, metrics) and serve as fixtures for the realizer's
 * tests and the acceptance checks. Private: they are used only as services.
 */
package org.stagedml.model.examples.internal;
