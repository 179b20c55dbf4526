package org.stagedml.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes pages in the MediaWiki export format (schema 0.10, as dumps.wikimedia.org publishes
 * pages-articles: siteinfo with namespaces, pages with title, ns, id, redirect, revision with
 * contributor, model, format, text, sha1), for tests of the wiki stages and of what reads their text.
 * Compress it as the published files are (bzip2) in the test.
 */
public final class MediaWikiExport {
    /** A page of the export: {@code ns} 0 is an article; {@code redirectTo} is null unless it redirects. */
    public record Page(String title, int ns, String redirectTo, String text) {
        public static Page article(String title, String text) {
            return new Page(title, 0, null, text);
        }
    }

    private MediaWikiExport() {
    }

    /** The export XML (UTF-8) of {@code pages} of the Wikipedia of {@code language} (en, ru ...). */
    public static byte[] xml(String language, List<Page> pages) {
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
            for (int ns : new int[] {-2, 0, 1, 6, 14}) {
                w.writeStartElement("namespace");
                w.writeAttribute("key", Integer.toString(ns));
                w.writeAttribute("case", "first-letter");
                w.writeCharacters(switch (ns) {
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
}
