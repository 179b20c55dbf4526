/**
 * Predictions from trained models: the {@link org.stagedml.api.predict.PredictorProvider} SPI that
 * model bundles register for their stages, the {@link org.stagedml.api.predict.Predictor} it opens on
 * one realization (load once, predict many times), and the {@link org.stagedml.api.predict.Predictors}
 * service that finds the provider for a realization.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.stagedml.api.predict;
