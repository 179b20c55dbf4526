/**
 * Predictions from trained models: the {@link org.stagedml.api.predict.PredictorProvider} SPI that
 * model bundles register for their stages, the {@link org.stagedml.api.predict.Predictor} it opens on
 * one realization (load once, predict many times), and the {@link org.stagedml.api.predict.Predictors}
 * service that finds the provider for a realization; {@link org.stagedml.api.predict.BatchPredictor} is the
 * base of a predictor that checks its inputs and computes a batch at a time.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.stagedml.api.predict;
