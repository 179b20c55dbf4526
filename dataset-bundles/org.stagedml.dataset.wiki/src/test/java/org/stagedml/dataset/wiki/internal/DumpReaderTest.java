package org.stagedml.dataset.wiki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.StagedmlException;
import org.stagedml.testing.MediaWikiExport;

/** The streaming reader of MediaWiki exports. */
class DumpReaderTest {
    @TempDir
    Path tmp;

    @Test
    void pagesOfACompressedAndOfAPlainDump() throws Exception {
        byte[] xml = DumpFiles.xml("en", DumpFiles.EN);
        Path bz = Files.write(tmp.resolve("d.xml.bz2"), DumpFiles.bzip2(xml));
        Path plain = Files.write(tmp.resolve("d.xml"), xml);
        for (Path p : List.of(bz, plain)) {
            try (DumpReader r = new DumpReader(p)) {
                DumpReader.Page paris = r.next();
                assertEquals("Paris", paris.title());
                assertEquals(0, paris.ns());
                assertTrue(paris.text().startsWith("{{Short description|Capital of France}}"));
                DumpReader.Page redirect = r.next();
                assertTrue(redirect.redirect());
                assertEquals(1, r.next().ns());
                for (int i = 3; i < DumpFiles.EN.size(); i++) {
                    assertEquals(DumpFiles.EN.get(i).text(), r.next().text());
                }
                assertNull(r.next());
                assertEquals(Files.size(p), r.bytesRead()); // the progress count outlives the decompressor
            }
        }
    }

    @Test
    void severalBzip2StreamsReadAsOne() throws Exception {
        // multistream dumps are bzip2 streams one after the other
        byte[] xml = DumpFiles.xml("en", DumpFiles.EN);
        int cut = new String(xml, StandardCharsets.UTF_8).indexOf("<page>");
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(DumpFiles.bzip2(java.util.Arrays.copyOfRange(xml, 0, cut)));
        both.write(DumpFiles.bzip2(java.util.Arrays.copyOfRange(xml, cut, xml.length)));
        try (DumpReader r = new DumpReader(Files.write(tmp.resolve("m.xml.bz2"), both.toByteArray()))) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            assertEquals(DumpFiles.EN.size(), n);
        }
    }

    /**
     * The JDK caps characters from entity references per document (50 million by default: a real dump
     * passes it within its first gigabyte); the reader lifts the cap. Shown with the cap set to 100.
     */
    @Test
    void entityReferencesAreNotCapped() throws Exception {
        String text = "a &lt;b&gt; &amp; ".repeat(200);
        byte[] xml = DumpFiles.xml("en", List.of(MediaWikiExport.Page.article("Entities", text)));
        String old = System.getProperty("jdk.xml.totalEntitySizeLimit");
        System.setProperty("jdk.xml.totalEntitySizeLimit", "100");
        try {
            // the JDK's default reader fails on it
            XMLStreamReader plain = XMLInputFactory.newDefaultFactory().createXMLStreamReader(
                    new StringReader(new String(xml, StandardCharsets.UTF_8)));
            assertThrows(XMLStreamException.class, () -> {
                while (plain.hasNext()) {
                    plain.next();
                }
            });
            try (DumpReader r = new DumpReader(Files.write(tmp.resolve("e.xml"), xml))) {
                assertEquals(text, r.next().text());
            }
        } finally {
            if (old == null) {
                System.clearProperty("jdk.xml.totalEntitySizeLimit");
            } else {
                System.setProperty("jdk.xml.totalEntitySizeLimit", old);
            }
        }
    }

    @Test
    void aDamagedDumpIsAClearError() throws Exception {
        byte[] xml = DumpFiles.xml("en", DumpFiles.EN);
        byte[] cut = java.util.Arrays.copyOf(xml, xml.length / 2);
        try (DumpReader r = new DumpReader(Files.write(tmp.resolve("cut.xml"), cut))) {
            StagedmlException e = assertThrows(StagedmlException.class, () -> {
                while (r.next() != null) {
                    // read to the damage
                }
            });
            assertTrue(e.getMessage().startsWith("cut.xml: not a well-formed MediaWiki export at line"), e.getMessage());
        }
    }
}
