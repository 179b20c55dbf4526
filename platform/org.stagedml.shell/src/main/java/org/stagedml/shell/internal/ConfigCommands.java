package org.stagedml.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.StagedmlException;

/**
 * {@code stage:config [pid] [key=value ...]}: shows the {@code $STAGEDML_HOME/config/<pid>.cfg}
 * files and what Config Admin holds, or sets keys: the file is written (so that the next launch,
 * and File Install in this one, see it) and the configuration is updated at once. Components that
 * can take a change live do so ({@code org.stagedml.realizer}: running builds keep their slots,
 * waiting ones see the new ones); a change never cancels a running build.
 */
@Component(service = Object.class, property = {"osgi.command.scope=stage", "osgi.command.function=config"})
public class ConfigCommands {
    /** File Install's mark on the configurations it made from a file: set the same, so that it sees no change. */
    static final String FILENAME = "felix.fileinstall.filename";
    private final ConfigurationAdmin cm;
    private final Path configDir;

    @Activate
    public ConfigCommands(@Reference ConfigurationAdmin cm, BundleContext context) {
        this(cm, configDir(context));
    }

    ConfigCommands(ConfigurationAdmin cm, Path configDir) {
        this.cm = cm;
        this.configDir = configDir;
    }

    private static Path configDir(BundleContext context) {
        String home = context.getProperty("stagedml.home");
        return (home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".stagedml") : Path.of(home))
                .resolve("config");
    }

    @Descriptor("list the configuration files of $STAGEDML_HOME/config and their settings")
    public void config() throws IOException {
        print(System.out);
    }

    @Descriptor("show one PID's configuration (e.g. org.stagedml.realizer), or set keys: key=value (key= removes),"
            + " saved to $STAGEDML_HOME/config/<pid>.cfg and applied now; running builds are never cancelled")
    public void config(@Descriptor("the configuration PID, e.g. org.stagedml.realizer or org.stagedml.store") String pid,
            @Descriptor("key=value settings") String... settings) throws IOException {
        if (settings.length == 0) {
            show(System.out, pid);
        } else {
            set(System.out, pid, ConfigFile.settings(settings));
        }
    }

    void print(PrintStream out) throws IOException {
        if (!Files.isDirectory(configDir)) {
            out.println("no configuration files in " + configDir);
            return;
        }
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(configDir, "*.cfg")) {
            for (Path f : new java.util.TreeSet<>(iterable(files))) {
                String pid = f.getFileName().toString().replaceFirst("\\.cfg$", "");
                out.println(pid + ": " + text(new ConfigFile(configDir, pid).read()));
                n++;
            }
        }
        if (n == 0) {
            out.println("no configuration files in " + configDir + " (stage:config PID key=value creates one)");
        }
    }

    void show(PrintStream out, String pid) throws IOException {
        ConfigFile file = new ConfigFile(configDir, pid);
        out.println("file:    " + file.path() + (Files.exists(file.path()) ? "" : " (none)"));
        out.println("saved:   " + text(file.read()));
        out.println("applied: " + text(applied(pid)));
    }

    void set(PrintStream out, String pid, Map<String, String> settings) throws IOException {
        ConfigFile file = new ConfigFile(configDir, pid);
        Map<String, String> saved = file.set(settings);
        Hashtable<String, Object> props = new Hashtable<>(saved);
        props.put(FILENAME, file.path().toFile().getAbsoluteFile().toURI().toString());
        Configuration c = cm.getConfiguration(pid, "?");
        c.updateIfDifferent(props);
        out.println(pid + ": " + text(saved));
        out.println("saved to " + file.path() + " and applied; a running build is never cancelled by a change"
                + (pid.equals("org.stagedml.realizer") ? " (it keeps its slots; waiting and new builds get the new ones)" : ""));
    }

    /** What Config Admin holds for the PID now, without its own bookkeeping properties. */
    private Map<String, String> applied(String pid) throws IOException {
        Map<String, String> values = new TreeMap<>();
        Configuration[] found;
        try {
            found = cm.listConfigurations("(service.pid=" + pid + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new StagedmlException("'" + pid + "' is not a configuration PID", e);
        }
        if (found != null && found.length > 0 && found[0].getProperties() != null) {
            Dictionary<String, Object> d = found[0].getProperties();
            for (Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                if (!k.startsWith("service.") && !k.startsWith("felix.fileinstall.")) {
                    Object v = d.get(k);
                    values.put(k, v instanceof Object[] a ? java.util.Arrays.toString(a) : String.valueOf(v));
                }
            }
        }
        return values;
    }

    private static String text(Map<String, String> values) {
        if (values.isEmpty()) {
            return "(nothing: defaults)";
        }
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static <T> java.util.List<T> iterable(Iterable<T> it) {
        java.util.List<T> list = new java.util.ArrayList<>();
        it.forEach(list::add);
        return list;
    }
}
