package org.stagedml.plot;

import java.util.List;

/**
 * Lines over a shared x axis.
 *
 * @param secondAxisTitle the title of the right-hand axis (used when a series is on it)
 */
public record LineChart(String title, String xTitle, String yTitle, String secondAxisTitle, List<Series> series)
        implements Chart {
    public LineChart {
        series = List.copyOf(series);
    }

    public LineChart(String title, String xTitle, String yTitle, List<Series> series) {
        this(title, xTitle, yTitle, "", series);
    }

    /** Whether any series has a drawable point. */
    public boolean isEmpty() {
        return series.stream().allMatch(s -> s.x().length == 0);
    }
}
