package org.stagedml.plot;

/** One chart of a PNG: a {@link LineChart} or a {@link MatrixChart}. */
public sealed interface Chart permits LineChart, MatrixChart {
    String title();
}
