package org.stagedml.plot;

import java.util.List;

/**
 * One line of a {@link LineChart}: points (x[i], y[i]) with a legend name. Non-finite points are
 * left out when drawn.
 *
 * @param secondAxis drawn against the chart's right-hand axis (its own scale)
 */
public record Series(String name, double[] x, double[] y, boolean secondAxis) {
    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    /** A series on the left-hand axis. */
    public static Series of(String name, double[] x, double[] y) {
        return new Series(name, x, y, false);
    }

    /** A series on the left-hand axis from lists. */
    public static Series of(String name, List<? extends Number> x, List<? extends Number> y) {
        return new Series(name, x.stream().mapToDouble(Number::doubleValue).toArray(),
                y.stream().mapToDouble(Number::doubleValue).toArray(), false);
    }

    /** The same points against the right-hand axis. */
    public Series onSecondAxis() {
        return new Series(name, x, y, true);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }
}
