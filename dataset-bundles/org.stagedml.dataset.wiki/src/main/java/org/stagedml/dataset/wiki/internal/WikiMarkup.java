package org.stagedml.dataset.wiki.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wikitext to plain paragraphs, removing the markup the way WikiExtractor does when run as the original
 * StagedML ran it (no template expansion, no lists, no tables), for the cases that matter:
 * <ul>
 * <li>comments {@code <!-- -->}; references {@code <ref>...</ref>}, {@code <ref .../>} and the content of
 * the other elements that are no running text (references, gallery, math, pre, source, timeline, table...);
 * every other tag is removed and its content kept ({@code <b>}, {@code <span>}, {@code <br/>} ...);</li>
 * <li>templates {@code {{...}}}, nested, are dropped (their expansion needs the template pages);</li>
 * <li>tables {@code {| ... |}}, nested, are dropped;</li>
 * <li>internal links {@code [[target|label]]} become the label ({@code [[target]]} the target, so
 * {@code [[bus]]es} reads "buses"); links into File:, Image:, Category:, Media: (and their Russian
 * names) and interlanguage links {@code [[de:...]]} are dropped, with captions holding nested links;</li>
 * <li>external links {@code [http://x label]} become the label, {@code [http://x]} nothing;</li>
 * <li>bold and italic quotes, behaviour switches ({@code __TOC__}), headings ({@code == x ==}) and list
 * items ({@code * # : ;}) are dropped; HTML entities are decoded last, so {@code &lt;ref&gt;} stays text.</li>
 * </ul>
 */
final class WikiMarkup {
    private static final Pattern COMMENT = Pattern.compile("<!--.*?(?:-->|\\z)", Pattern.DOTALL);
    /** Elements whose content is no running text (WikiExtractor's discarded elements and the like). */
    private static final String DROPPED = "ref|references|gallery|timeline|noinclude|includeonly|math|chem|ce|score"
            + "|imagemap|syntaxhighlight|source|pre|table|graph|mapframe|templatedata|hiero|poem|inputbox|categorytree";
    private static final Pattern SELF_CLOSED = Pattern.compile("<(?:" + DROPPED + ")\\b[^<>]*/>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ELEMENT = Pattern.compile("<(" + DROPPED + ")\\b[^<>]*>.*?</\\1\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9]*(?:\\s[^<>]*)?/?>");
    private static final Pattern LINK = Pattern.compile("\\[\\[([^\\[\\]]*)\\]\\]");
    private static final Pattern EXTERNAL = Pattern.compile(
            "\\[(?:(?:https?|ftp):)?//[^\\s\\]]*(?:\\s+([^\\]]*))?\\]|\\[mailto:[^\\s\\]]*(?:\\s+([^\\]]*))?\\]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTES = Pattern.compile("'{2,5}");
    private static final Pattern SWITCH = Pattern.compile("__[A-Z]+__");
    private static final Pattern HEADING = Pattern.compile("^=+.*=+$");
    private static final Pattern EMPTY_PARENS = Pattern.compile("\\(\\s*[,;:]*\\s*\\)|\\[\\s*\\]");
    private static final Pattern OPEN_SEPARATOR = Pattern.compile("\\(\\s*[,;:]+\\s*");
    private static final Pattern SEPARATOR_CLOSE = Pattern.compile("\\s*[,;:]+\\s*\\)");
    private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile("\\s+([,.;:!?)])");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");
    private static final Pattern LANGUAGE_LINK = Pattern.compile("[a-z]{2,3}(?:-[a-z0-9]+)*");
    /** Namespaces whose links are no text (lower case). */
    private static final Set<String> DROPPED_NAMESPACES = Set.of("file", "image", "category", "media",
            "файл", "изображение", "категория", "медиа");

    private WikiMarkup() {
    }

    /** The plain-text paragraphs of an article's wikitext, in order, each on one line. */
    static List<String> paragraphs(String wikitext) {
        String s = COMMENT.matcher(wikitext).replaceAll("");
        s = SELF_CLOSED.matcher(s).replaceAll("");
        s = ELEMENT.matcher(s).replaceAll("");
        s = removeNested(s, "{{", "}}");
        s = removeNested(s, "{|", "|}");
        s = externalLinks(s); // first: a File link's caption may hold one, and then holds brackets
        s = links(s);
        s = BREAK.matcher(s).replaceAll(" ");
        s = TAG.matcher(s).replaceAll("");
        s = QUOTES.matcher(s).replaceAll("");
        s = SWITCH.matcher(s).replaceAll("");
        List<String> out = new ArrayList<>();
        for (String line : s.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || HEADING.matcher(t).matches() || "*#:;|!".indexOf(t.charAt(0)) >= 0
                    || t.startsWith("{") || t.startsWith("}")) {
                continue;
            }
            t = HtmlEntities.decode(t);
            t = EMPTY_PARENS.matcher(t).replaceAll("");
            t = OPEN_SEPARATOR.matcher(t).replaceAll("(");
            t = SEPARATOR_CLOSE.matcher(t).replaceAll(")");
            t = SPACES.matcher(t).replaceAll(" ");
            t = SPACE_BEFORE_PUNCT.matcher(t).replaceAll("$1").strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Removes every span from an {@code open} to its matching {@code close}, nesting counted. An open that
     * is never closed is kept as text (with what follows), so a stray {@code {{} loses no article.
     */
    static String removeNested(String s, String open, String close) {
        if (!s.contains(open)) {
            return s;
        }
        List<int[]> spans = new ArrayList<>();
        int[] stack = new int[16];
        int depth = 0;
        for (int i = 0; i < s.length() - 1; ) {
            if (s.startsWith(open, i)) {
                if (depth == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = i;
                i += open.length();
            } else if (depth > 0 && s.startsWith(close, i)) {
                int start = stack[--depth];
                i += close.length();
                spans.add(new int[] {start, i});
            } else {
                i++;
            }
        }
        if (spans.isEmpty()) {
            return s;
        }
        // a closed pair inside an unclosed one is still removed; pairs inside pairs are covered by them
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder out = new StringBuilder(s.length());
        int at = 0;
        for (int[] span : spans) {
            if (span[0] >= at) {
                out.append(s, at, span[0]);
                at = span[1];
            } else if (span[1] > at) {
                at = span[1];
            }
        }
        return out.append(s, at, s.length()).toString();
    }

    /** Internal links, innermost first (captions of File links hold links). */
    static String links(String s) {
        for (int round = 0; round < 8 && s.contains("[["); round++) {
            Matcher m = LINK.matcher(s);
            StringBuilder out = new StringBuilder(s.length());
            boolean any = false;
            while (m.find()) {
                any = true;
                m.appendReplacement(out, Matcher.quoteReplacement(linkText(m.group(1))));
            }
            if (!any) {
                break;
            }
            m.appendTail(out);
            s = out.toString();
        }
        return s;
    }

    /** What a link shows: its label, else its target; nothing for files, categories and other languages. */
    static String linkText(String inner) {
        int bar = inner.indexOf('|');
        String target = (bar < 0 ? inner : inner.substring(0, bar)).strip();
        String label = bar < 0 ? null : inner.substring(bar + 1);
        boolean colon = target.startsWith(":"); // [[:Category:X]] is a link to the page, shown
        if (colon) {
            target = target.substring(1).strip();
        }
        int c = target.indexOf(':');
        if (!colon && c > 0) {
            String ns = target.substring(0, c).strip();
            if (DROPPED_NAMESPACES.contains(ns.toLowerCase(Locale.ROOT)) || LANGUAGE_LINK.matcher(ns).matches()) {
                return "";
            }
        }
        if (label != null && !label.isBlank()) {
            return label.strip();
        }
        if (label != null) { // the pipe trick: [[Moscow (city)|]] shows "Moscow"
            target = target.replaceAll("\\s*\\(.*\\)\\s*$", "");
            return c > 0 ? target.substring(target.indexOf(':') + 1) : target;
        }
        return target.startsWith("#") ? target.substring(1) : target;
    }

    static String externalLinks(String s) {
        if (s.indexOf('[') < 0) {
            return s;
        }
        Matcher m = EXTERNAL.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String label = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(label == null ? "" : label.strip()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
