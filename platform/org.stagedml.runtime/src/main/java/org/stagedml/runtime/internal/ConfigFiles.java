package org.stagedml.runtime.internal;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Applies the home's {@code config/<pid>.cfg} files (Karaf's convention: {@code key=value} lines)
 * to Config Admin before the other bundles start, so that a one-shot command sees them: components
 * activate with their configuration instead of getting it a moment later. File Install watches the
 * same folder afterwards (live changes in a long session); the configurations are written the way
 * File Install writes them (string values, {@code felix.fileinstall.filename} naming the file), so
 * its first scan finds them equal and changes nothing. A configuration File Install made from a
 * file that has since been deleted is deleted too. Factory configurations ({@code pid-name.cfg})
 * are left to File Install.
 *
 * <p>Config Admin lives inside the framework, not on the launcher's class path: it is driven
 * reflectively through its public interfaces.
 */
public final class ConfigFiles {
    /** The property File Install marks its configurations with (the file's URI). */
    public static final String FILENAME = "felix.fileinstall.filename";
    private static final String CM = "org.osgi.service.cm.ConfigurationAdmin";

    private ConfigFiles() {
    }

    /** The {@code pid -> properties} of the folder's singleton {@code .cfg} files, sorted by PID. */
    public static Map<String, Map<String, String>> read(Path dir) throws IOException {
        Map<String, Map<String, String>> all = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.cfg")) {
            for (Path f : files) {
                String pid = f.getFileName().toString().replaceFirst("\\.cfg$", "");
                if (pid.contains("-") || !Files.isRegularFile(f)) {
                    continue; // a factory configuration: File Install's
                }
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                Map<String, String> props = new TreeMap<>();
                p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k).trim()));
                all.put(pid, props);
            }
        }
        return all;
    }

    /** The value of {@link #FILENAME} for a file, as File Install spells it. */
    public static String fileKey(Path file) {
        return file.toFile().getAbsoluteFile().toURI().toString();
    }

    /**
     * Puts every file's properties into Config Admin (whose bundle must be started); returns one
     * warning line per file or configuration that could not be applied.
     */
    public static List<String> apply(BundleContext context, Path dir) {
        List<String> warnings = new ArrayList<>();
        ServiceReference<?> ref = context.getServiceReference(CM);
        if (ref == null) {
            if (Files.isDirectory(dir)) {
                warnings.add("Config Admin is not running: the files in " + dir + " were not applied");
            }
            return warnings;
        }
        Object cm = context.getService(ref);
        try {
            deleteOrphans(cm, dir, warnings);
            for (Map.Entry<String, Map<String, String>> e : read(dir).entrySet()) {
                Path file = dir.resolve(e.getKey() + ".cfg");
                try {
                    Hashtable<String, Object> props = new Hashtable<>(e.getValue());
                    props.put(FILENAME, fileKey(file));
                    Object config = call(cm, "getConfiguration", new Class<?>[] {String.class, String.class},
                            e.getKey(), "?");
                    try {
                        call(config, "updateIfDifferent", new Class<?>[] {Dictionary.class}, props);
                    } catch (NoSuchMethodException old) { // Config Admin before 1.6
                        call(config, "update", new Class<?>[] {Dictionary.class}, props);
                    }
                } catch (ReflectiveOperationException | RuntimeException ex) {
                    warnings.add("could not apply " + file + ": " + cause(ex));
                }
            }
        } catch (IOException ex) {
            warnings.add("could not read the configuration files in " + dir + ": " + ex.getMessage());
        } finally {
            context.ungetService(ref);
        }
        return warnings;
    }

    /** Deletes the configurations made from files of this folder that are gone. */
    private static void deleteOrphans(Object cm, Path dir, List<String> warnings) {
        try {
            Object[] configs = (Object[]) call(cm, "listConfigurations", new Class<?>[] {String.class},
                    "(" + FILENAME + "=*)");
            String prefix = fileKey(dir) + (fileKey(dir).endsWith("/") ? "" : "/");
            for (Object c : configs == null ? new Object[0] : configs) {
                Dictionary<?, ?> props = (Dictionary<?, ?>) call(c, "getProperties", new Class<?>[0]);
                Object file = props == null ? null : props.get(FILENAME);
                if (file instanceof String f && f.startsWith(prefix) && !Files.exists(Path.of(java.net.URI.create(f)))) {
                    call(c, "delete", new Class<?>[0]);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException ex) {
            warnings.add("could not clean up configurations of deleted files in " + dir + ": " + cause(ex));
        }
    }

    private static String cause(Exception e) {
        Throwable t = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static Object call(Object target, String name, Class<?>[] types, Object... args)
            throws ReflectiveOperationException {
        return publicMethod(target.getClass(), name, types).invoke(target, args);
    }

    /** The method as a public interface declares it (implementation classes are private to their bundle). */
    private static Method publicMethod(Class<?> c, String name, Class<?>[] types) throws NoSuchMethodException {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                try {
                    return i.getMethod(name, types);
                } catch (NoSuchMethodException e) {
                    // the next
                }
            }
        }
        throw new NoSuchMethodException(c.getName() + "." + name);
    }
}
