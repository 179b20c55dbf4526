package org.stagedml.web.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stagedml.api.RRef;

/** Draws a {@link DependencyGraph} as inline SVG: one linked box per realization, arrows from what it used. */
final class DagSvg {
    static final int BOX_W = 200;
    static final int BOX_H = 46;
    static final int GAP_X = 70;
    static final int GAP_Y = 18;
    static final int PAD = 10;

    private DagSvg() {
    }

    static String render(DependencyGraph g) {
        Map<RRef, int[]> at = new HashMap<>();
        int rows = 0;
        for (int c = 0; c < g.columns().size(); c++) {
            List<RRef> col = g.columns().get(c);
            rows = Math.max(rows, col.size());
            for (int r = 0; r < col.size(); r++) {
                at.put(col.get(r), new int[] {PAD + c * (BOX_W + GAP_X), PAD + r * (BOX_H + GAP_Y)});
            }
        }
        int width = 2 * PAD + g.columns().size() * (BOX_W + GAP_X) - GAP_X;
        int height = 2 * PAD + rows * (BOX_H + GAP_Y) - GAP_Y;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"dag\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"dependency graph\">");
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#667\"/>"
                + "</marker></defs>");
        for (Map.Entry<RRef, List<RRef>> e : g.edges().entrySet()) {
            int[] to = at.get(e.getKey());
            for (RRef d : e.getValue()) {
                int[] from = at.get(d);
                if (from == null || to == null) {
                    continue;
                }
                int x1 = from[0] + BOX_W;
                int y1 = from[1] + BOX_H / 2;
                int x2 = to[0];
                int y2 = to[1] + BOX_H / 2;
                int mid = (x1 + x2) / 2;
                sb.append("<path class=\"dag-edge\" d=\"M ").append(x1).append(' ').append(y1).append(" C ").append(mid)
                        .append(' ').append(y1).append(", ").append(mid).append(' ').append(y2).append(", ").append(x2)
                        .append(' ').append(y2).append("\" fill=\"none\" stroke=\"#667\" marker-end=\"url(#arrow)\"/>");
            }
        }
        for (Map.Entry<RRef, int[]> e : at.entrySet()) {
            RRef r = e.getKey();
            int x = e.getValue()[0];
            int y = e.getValue()[1];
            boolean root = r.equals(g.root());
            sb.append("<a class=\"dag-node\" data-rref=\"").append(Html.esc(r)).append("\" href=\"/realization/")
                    .append(r).append("\"><title>").append(Html.esc(r)).append("</title>")
                    .append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(BOX_W)
                    .append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"").append(root ? "#dbe8ff" : "#f4f5f7")
                    .append("\" stroke=\"").append(root ? "#2f5fb3" : "#99a").append("\"/>")
                    .append("<text x=\"").append(x + 10).append("\" y=\"").append(y + 19).append("\" font-weight=\"bold\">")
                    .append(Html.esc(clip(r.name(), 24))).append("</text>")
                    .append("<text x=\"").append(x + 10).append("\" y=\"").append(y + 37).append("\" fill=\"#556\">")
                    .append(Html.esc(r.outputHash().substring(0, 12))).append("</text></a>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
