package org.stagedml.shell.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Small formatting helpers for command output: sizes, times, numbers, metric lists. */
final class Text {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Text() {
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    /** A number in at most 4 significant digits, without trailing zeros. */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e12) {
            return Long.toString((long) d);
        }
        String s = String.format(Locale.ROOT, "%.4g", d);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** {@code a=1 b=0.25}, sorted by name; at most {@code max} entries, then {@code +n more}. */
    static String metrics(Map<String, Double> metrics, int max) {
        if (metrics.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (Map.Entry<String, Double> e : new TreeMap<>(metrics).entrySet()) {
            if (shown == max) {
                sb.append(" +").append(metrics.size() - max).append(" more");
                break;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(e.getKey()).append('=').append(number(e.getValue()));
            shown++;
        }
        return sb.toString();
    }

    /** The first line of a message, so that every error stays one line. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
