package org.stagedml.dataset.wiki.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Generates dumps in the MediaWiki export format (schema 0.10, as dumps.wikimedia.org publishes
 * pages-articles: siteinfo with namespaces, pages with title, ns, id, redirect, revision with
 * contributor, model, format, text, sha1), bzip2-compressed like the published files.
 */
final class DumpFiles {
    /** A page to put into a dump. */
    record Page(String title, int ns, String redirectTo, String text) {
        static Page article(String title, String text) {
            return new Page(title, 0, null, text);
        }
    }

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(bytes, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("mediawiki");
            w.writeDefaultNamespace("http://www.mediawiki.org/xml/export-0.10/");
            w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
            w.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation",
                    "http://www.mediawiki.org/xml/export-0.10/ http://www.mediawiki.org/xml/export-0.10.xsd");
            w.writeAttribute("version", "0.10");
            w.writeAttribute("xml:lang", language);
            w.writeCharacters("\n  ");
            w.writeStartElement("siteinfo");
            element(w, "sitename", language.equals("ru") ? "Википедия" : "Wikipedia");
            element(w, "dbname", language + "wiki");
            element(w, "base", "https://" + language + ".wikipedia.org/wiki/Main_Page");
            element(w, "generator", "MediaWiki 1.35.0-wmf.21");
            element(w, "case", "first-letter");
            w.writeStartElement("namespaces");
            for (int[] ns : new int[][] {{-2}, {0}, {1}, {6}, {14}}) {
                w.writeStartElement("namespace");
                w.writeAttribute("key", Integer.toString(ns[0]));
                w.writeAttribute("case", "first-letter");
                w.writeCharacters(switch (ns[0]) {
                    case -2 -> "Media";
                    case 1 -> "Talk";
                    case 6 -> "File";
                    case 14 -> "Category";
                    default -> "";
                });
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            int id = 10;
            for (Page p : pages) {
                w.writeCharacters("\n  ");
                w.writeStartElement("page");
                element(w, "title", p.title());
                element(w, "ns", Integer.toString(p.ns()));
                element(w, "id", Integer.toString(id++));
                if (p.redirectTo() != null) {
                    w.writeEmptyElement("redirect");
                    w.writeAttribute("title", p.redirectTo());
                }
                w.writeStartElement("revision");
                element(w, "id", Integer.toString(900000 + id));
                element(w, "timestamp", "2020-02-29T12:00:00Z");
                w.writeStartElement("contributor");
                element(w, "username", "Editor");
                element(w, "id", "42");
                w.writeEndElement();
                element(w, "model", "wikitext");
                element(w, "format", "text/x-wiki");
                w.writeStartElement("text");
                w.writeAttribute("bytes", Integer.toString(p.text().getBytes(StandardCharsets.UTF_8).length));
                w.writeAttribute("xml:space", "preserve");
                w.writeCharacters(p.text());
                w.writeEndElement();
                element(w, "sha1", "phoiac9h4m842xq45sp7s6u21eteeq1");
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    static byte[] bzip2(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
