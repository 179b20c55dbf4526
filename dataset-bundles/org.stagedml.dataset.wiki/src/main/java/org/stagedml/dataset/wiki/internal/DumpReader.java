package org.stagedml.dataset.wiki.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.stagedml.api.StagedmlException;

/**
 * Streams the pages of a MediaWiki XML export ({@code <mediawiki><page><title/><ns/><redirect/>
 * <revision><text/></revision></page>...}), bzip2-compressed or not (told by the bytes), one page at a
 * time: a 20 GB dump never sits in memory. Element names are matched without their namespace, so every
 * export schema version reads.
 */
final class DumpReader implements AutoCloseable {
    /** One page: its title, namespace number, whether it is a redirect, and its wikitext. */
    record Page(String title, int ns, boolean redirect, String text) {
    }

    private final InputStream file;
    private final Counting counted;
    private final XMLStreamReader xml;
    private final String shownAs;

    DumpReader(Path dump) throws IOException {
        this.shownAs = dump.getFileName().toString();
        this.counted = new Counting(Files.newInputStream(dump));
        this.file = new BufferedInputStream(counted, 1 << 16);
        file.mark(3);
        byte[] magic = file.readNBytes(3);
        file.reset();
        boolean bz = magic.length == 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h';
        // dumps of several bzip2 streams (the multistream ones) are read through
        try {
            this.xml = factory().createXMLStreamReader(bz ? new BufferedInputStream(new BZip2CompressorInputStream(file, true), 1 << 16) : file);
        } catch (XMLStreamException e) {
            file.close();
            throw new StagedmlException(shownAs + " is not XML: " + e.getMessage());
        }
    }

    private static XMLInputFactory factory() {
        // the JDK's own StAX, not whatever a service lookup finds in the framework
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        // the JDK caps the characters that come from entity references (&lt; &amp; ...) per document at
        // 50 million; a dump holds billions: lift the caps for this reader (no DTD, so no entity bombs)
        for (String limit : new String[] {"jdk.xml.totalEntitySizeLimit", "jdk.xml.maxGeneralEntitySizeLimit",
                "jdk.xml.entityExpansionLimit", "jdk.xml.maxElementDepth"}) {
            try {
                f.setProperty(limit, 0);
            } catch (IllegalArgumentException e) {
                // an implementation without the limit has nothing to lift
            }
        }
        return f;
    }

    /** The bytes of the file read so far (compressed ones for a bzip2 dump), for progress. */
    long bytesRead() {
        return counted.count;
    }

    /** Counts what is read from the file (the decompressor's own count is gone once it reaches the end). */
    private static final class Counting extends java.io.FilterInputStream {
        volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count += k;
            return k;
        }
    }

    /** The next page, or null at the end of the dump. */
    Page next() {
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("page")) {
                    return page();
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw new StagedmlException(shownAs + ": not a well-formed MediaWiki export at line "
                    + e.getLocation().getLineNumber() + " of the XML (" + e.getMessage().lines().reduce((a, b) -> b).orElse("")
                    + "); the dump is damaged or not a pages-articles dump");
        }
    }

    private Page page() throws XMLStreamException {
        String title = "";
        int ns = 0;
        boolean redirect = false;
        String text = "";
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int e = xml.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "title" -> title = xml.getElementText();
                    case "ns" -> ns = parseNs(xml.getElementText());
                    case "redirect" -> {
                        redirect = true;
                        depth++;
                    }
                    case "text" -> text = xml.getElementText();
                    default -> depth++;
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return new Page(title, ns, redirect, text);
    }

    private static int parseNs(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // closing only frees the parser
        }
        file.close();
    }
}
