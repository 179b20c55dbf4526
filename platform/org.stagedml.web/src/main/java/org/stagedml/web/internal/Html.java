package org.stagedml.web.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and formatting for the server-rendered pages: every value from the store goes through here. */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** Text safe inside an element or a double-quoted attribute. */
    static String esc(Object value) {
        String s = String.valueOf(value);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** One path segment or query value, percent-encoded. */
    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A relative file path with each segment encoded (slashes kept). */
    static String urlPath(String relative) {
        StringBuilder sb = new StringBuilder();
        for (String seg : relative.split("/")) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(url(seg));
        }
        return sb.toString();
    }

    /** JSON text safe inside a {@code <script type="application/json">} element. */
    static String scriptJson(String json) {
        return json.replace("</", "<\\/").replace("<!--", "<\\!--");
    }

    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
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

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
