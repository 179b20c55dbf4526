/**
 * The Stage SPI: what a model or dataset bundle implements and registers as a service.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.5.0")
package org.stagedml.api.stage;
