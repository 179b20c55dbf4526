/**
 * The one plotting path of StagedML: line charts ({@link org.stagedml.plot.LineChart}) and
 * confusion matrices ({@link org.stagedml.plot.MatrixChart}) written as one PNG file by
 * {@link org.stagedml.plot.Png}, headless, with XChart inside this bundle (its types never appear
 * here). A Java runtime that cannot draw (no fonts) fails with a {@link org.stagedml.plot.PlotException}
 * that says what to install.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.stagedml.plot;
