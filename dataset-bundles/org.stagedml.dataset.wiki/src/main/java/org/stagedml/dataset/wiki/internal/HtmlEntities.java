package org.stagedml.dataset.wiki.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the HTML character references wikitext uses: numeric ({@code &#8212;}, {@code &#x2014;}) and
 * the named ones that occur in articles; an unknown name is left as it is.
 */
final class HtmlEntities {
    private static final Pattern REFERENCE = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,9}));");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("ensp", " "), Map.entry("emsp", " "),
            Map.entry("thinsp", " "), Map.entry("shy", ""), Map.entry("zwj", ""), Map.entry("zwnj", ""),
            Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"), Map.entry("minus", "\u2212"),
            Map.entry("hellip", "\u2026"), Map.entry("laquo", "\u00ab"), Map.entry("raquo", "\u00bb"),
            Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201c"),
            Map.entry("rdquo", "\u201d"), Map.entry("bdquo", "\u201e"), Map.entry("times", "\u00d7"),
            Map.entry("divide", "\u00f7"), Map.entry("deg", "\u00b0"), Map.entry("plusmn", "\u00b1"),
            Map.entry("middot", "\u00b7"), Map.entry("bull", "\u2022"), Map.entry("copy", "\u00a9"),
            Map.entry("reg", "\u00ae"), Map.entry("trade", "\u2122"), Map.entry("sect", "\u00a7"),
            Map.entry("para", "\u00b6"), Map.entry("euro", "\u20ac"), Map.entry("pound", "\u00a3"),
            Map.entry("cent", "\u00a2"), Map.entry("yen", "\u00a5"), Map.entry("frac12", "\u00bd"),
            Map.entry("frac14", "\u00bc"), Map.entry("frac34", "\u00be"), Map.entry("sup2", "\u00b2"),
            Map.entry("sup3", "\u00b3"), Map.entry("prime", "\u2032"), Map.entry("Prime", "\u2033"),
            Map.entry("larr", "\u2190"), Map.entry("rarr", "\u2192"), Map.entry("harr", "\u2194"),
            Map.entry("le", "\u2264"), Map.entry("ge", "\u2265"), Map.entry("ne", "\u2260"),
            Map.entry("asymp", "\u2248"), Map.entry("infin", "\u221e"), Map.entry("alpha", "\u03b1"),
            Map.entry("beta", "\u03b2"), Map.entry("gamma", "\u03b3"), Map.entry("delta", "\u03b4"),
            Map.entry("pi", "\u03c0"), Map.entry("mu", "\u03bc"), Map.entry("sigma", "\u03c3"),
            Map.entry("omega", "\u03c9"), Map.entry("eacute", "\u00e9"), Map.entry("egrave", "\u00e8"),
            Map.entry("aacute", "\u00e1"), Map.entry("oacute", "\u00f3"), Map.entry("uuml", "\u00fc"),
            Map.entry("ouml", "\u00f6"), Map.entry("auml", "\u00e4"), Map.entry("szlig", "\u00df"),
            Map.entry("ccedil", "\u00e7"), Map.entry("ntilde", "\u00f1"));

    private HtmlEntities() {
    }

    static String decode(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = REFERENCE.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String r;
            if (m.group(3) != null) {
                r = NAMED.getOrDefault(m.group(3), m.group());
            } else {
                int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
                r = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }
}
