package org.stagedml.shell.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.stagedml.api.StagedmlException;

/**
 * One {@code $STAGEDML_HOME/config/<pid>.cfg} file (Karaf's convention: {@code key=value} lines, as
 * File Install reads them). {@link #set} keeps the file's comments and order, changes the keys given
 * in place, appends new ones, removes those set to nothing, and replaces the file atomically.
 */
final class ConfigFile {
    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.]*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
    private final Path file;

    ConfigFile(Path configDir, String pid) {
        if (!PID.matcher(pid).matches()) {
            throw new StagedmlException("'" + pid + "' is not a configuration PID (letters, digits, '_' and '.',"
                    + " e.g. org.stagedml.realizer)");
        }
        this.file = configDir.resolve(pid + ".cfg");
    }

    Path path() {
        return file;
    }

    /** The file's properties, sorted; empty when there is no file. */
    Map<String, String> read() throws IOException {
        Map<String, String> values = new TreeMap<>();
        if (Files.exists(file)) {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).trim()));
        }
        return values;
    }

    /** Parses {@code key=value} arguments; an empty value removes the key. */
    static Map<String, String> settings(String... args) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            String key = eq < 0 ? a : a.substring(0, eq).trim();
            if (eq < 0 || !KEY.matcher(key).matches()) {
                throw new StagedmlException("'" + a + "' is not key=value (e.g. gpus=2; key= removes the key)");
            }
            settings.put(key, a.substring(eq + 1).trim());
        }
        return settings;
    }

    /** Writes the settings into the file; returns the file's properties afterwards. */
    Map<String, String> set(Map<String, String> settings) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : new ArrayList<>();
        Map<String, String> left = new LinkedHashMap<>(settings);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String key = keyOf(line);
            if (key != null && settings.containsKey(key)) {
                String value = left.remove(key);
                if (value != null && !value.isEmpty()) {
                    out.add(key + "=" + escape(value));
                }
                // a key given twice in the file: the later lines go (the last one counted anyway)
            } else {
                out.add(line);
            }
        }
        left.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.add(k + "=" + escape(v));
            }
        });
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return read();
    }

    /** The key of a {@code key=value} line; null for comments and blank lines. */
    private static String keyOf(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
            return null;
        }
        int end = 0;
        while (end < t.length() && "=: \t".indexOf(t.charAt(end)) < 0) {
            end++;
        }
        return t.substring(0, end);
    }

    /** A value as java.util.Properties reads it back: backslashes doubled, a leading blank kept. */
    private static String escape(String v) {
        String e = v.replace("\\", "\\\\");
        return e.startsWith(" ") ? "\\" + e : e;
    }
}
