package org.stagedml.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.stagedml.api.Json;
import org.stagedml.api.history.History;

/** Charts as the page script draws them with uPlot: data embedded as JSON, one element per chart. */
final class Charts {
    /** A history longer than this many records is thinned for the browser: a chart needs no more. */
    static final int MAX_POINTS = 5000;

    record Series(String label, List<double[]> points) {
    }

    /** @param x what the x axis is (a training curve's: step) */
    record Chart(String title, String x, List<Series> series) {
        Chart(String title, List<Series> series) {
            this(title, "step", series);
        }
    }

    private Charts() {
    }

    /** One chart per metric of one history, one curve each. */
    static List<Chart> of(History h) {
        List<Chart> charts = new ArrayList<>();
        h.curves().forEach((metric, points) -> charts.add(new Chart(metric, List.of(new Series(metric, points)))));
        return charts;
    }

    /** One chart per metric found in any history, one curve per realization that has it. */
    static List<Chart> overlaid(List<String> labels, List<History> histories) {
        TreeSet<String> metrics = new TreeSet<>();
        histories.forEach(h -> metrics.addAll(h.curves().keySet()));
        List<Chart> charts = new ArrayList<>();
        for (String m : metrics) {
            List<Series> series = new ArrayList<>();
            for (int i = 0; i < histories.size(); i++) {
                List<double[]> pts = histories.get(i).curves().get(m);
                if (pts != null) {
                    series.add(new Series(labels.get(i), pts));
                }
            }
            charts.add(new Chart(m, series));
        }
        return charts;
    }

    /** The charts' elements and their data; "" when there is nothing to draw. */
    static String html(List<Chart> charts) {
        if (charts.isEmpty()) {
            return "";
        }
        ArrayNode all = Json.mapper().createArrayNode();
        StringBuilder sb = new StringBuilder("<div class=\"charts\">");
        for (int i = 0; i < charts.size(); i++) {
            Chart c = charts.get(i);
            ObjectNode o = all.addObject();
            o.put("title", c.title());
            o.put("x", c.x());
            ArrayNode ss = o.putArray("series");
            for (Series s : c.series()) {
                ObjectNode so = ss.addObject();
                so.put("label", s.label());
                ArrayNode pts = so.putArray("points");
                s.points().forEach(p -> pts.addArray().add(p[0]).add(p[1]));
            }
            sb.append("<div class=\"chart\" data-chart=\"").append(i).append("\" data-metric=\"").append(Html.esc(c.title()))
                    .append("\" data-curves=\"").append(c.series().size()).append("\"></div>");
        }
        sb.append("</div>");
        try {
            sb.append("<script type=\"application/json\" id=\"chart-data\">")
                    .append(Html.scriptJson(Json.mapper().writeValueAsString(all))).append("</script>");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }
}
