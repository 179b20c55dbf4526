package org.stagedml.dataset.glue.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads GLUE's tab-separated files the way its tools do: UTF-8, no quoting (a quote is text),
 * lines ended by \n, \r\n or \r, a byte-order mark at the start dropped.
 */
final class Tsv implements AutoCloseable {
    private final BufferedReader reader;
    private boolean first = true;

    Tsv(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** The next line without its terminator, or null at the end. */
    String line() throws IOException {
        String l = reader.readLine();
        if (first && l != null && l.startsWith("\uFEFF")) {
            l = l.substring(1);
        }
        first = false;
        return l;
    }

    /** The fields of a line, empty ones kept. */
    static String[] fields(String line) {
        return line.split("\t", -1);
    }

    /** Python's str.strip(): also drops the separators and NBSP that Java's strip() keeps. */
    static String pythonStrip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isPythonSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isPythonSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085' || (c >= 0x1c && c <= 0x1f);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
