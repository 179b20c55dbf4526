package org.stagedml.dataset.wiki.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.stagedml.testing.MediaWikiExport;
import org.stagedml.testing.MediaWikiExport.Page;

/**
 * Generated dumps in the MediaWiki export format ({@link MediaWikiExport}), bzip2-compressed like the
 * published files.
 */
final class DumpFiles {
    /** An English dump: three articles with markup, a redirect, a talk page, a disambiguation page, a stub. */
    static final List<Page> EN = List.of(
            Page.article("Paris", "{{Short description|Capital of France}}\n{{Infobox settlement|name=Paris|population={{formatnum:2165423}}}}\n"
                    + "'''Paris''' is the capital of [[France]].<ref>{{cite web|url=http://x.org|title=X}}</ref> "
                    + "It lies on the [[Seine|river Seine]]. Mr. Haussmann rebuilt it in the 19th century.\n\n"
                    + "[[File:Paris.jpg|thumb|The [[Eiffel Tower]]]]\n== History ==\nThe city was founded by the Parisii.\n"
                    + "[[Category:Capitals in Europe]]"),
            new Page("AccessibleComputing", 0, "Computer accessibility", "#REDIRECT [[Computer accessibility]]\n\n{{R from move}}"),
            new Page("Talk:Paris", 1, null, "This page is about Paris. Please discuss here."),
            Page.article("Mercury", "'''Mercury''' may refer to:\n* [[Mercury (planet)]]\n* [[Mercury (element)]]\n{{disambiguation}}"),
            Page.article("Tiny", "Tiny stub."),
            Page.article("Table tennis", "{| class=\"wikitable\"\n! Year !! Winner\n|-\n| 1926 || Hungary\n|}\n"
                    + "'''Table tennis''' is a sport played on a table.<ref name=\"itf\"/> Players use [https://ittf.com paddles] "
                    + "made of wood &amp; rubber. See [[:Category:Sports]] for more."),
            Page.article("Ampersand", "The ''ampersand'' &lt;&amp;&gt; is a logogram. It means \"and\"."));

    /** The text wikitext makes of {@link #EN} with its default fields. */
    static final String EN_TEXT = """
            Paris is the capital of France.
            It lies on the river Seine.
            Mr. Haussmann rebuilt it in the 19th century.
            The city was founded by the Parisii.

            Table tennis is a sport played on a table.
            Players use paddles made of wood & rubber.
            See Category:Sports for more.

            The ampersand <&> is a logogram.
            It means "and".

            """;

    static final List<Page> RU = List.of(
            Page.article("Москва", "'''Москва́''' — столица [[Россия|России]].<ref>Источник</ref> "
                    + "Впервые упоминается в 1147 г. Основатель города — кн. Юрий Долгорукий, т. е. сын Владимира Мономаха.\n"
                    + "[[Категория:Столицы]]"),
            Page.article("Многозначность", "'''Лук''':\n* [[Лук (растение)]]\n{{неоднозначность}}"));

    static final String RU_TEXT = """
            Москва́ — столица России.
            Впервые упоминается в 1147 г.
            Основатель города — кн. Юрий Долгорукий, т. е. сын Владимира Мономаха.

            """;

    private DumpFiles() {
    }

    static byte[] xml(String language, List<Page> pages) {
        return MediaWikiExport.xml(language, pages);
    }

    static byte[] bzip2(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
