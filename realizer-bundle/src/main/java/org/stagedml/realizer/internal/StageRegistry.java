package org.stagedml.realizer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.stagedml.api.Names;
import org.stagedml.api.StageNotFoundException;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Stage;

/**
 * The Stage services currently registered, by name. Names are unique: when two services claim one
 * name, the name is reported as a clash and neither is used until one goes away (never silently
 * shadowed). Thread-safe.
 */
public final class StageRegistry {
    private static final System.Logger LOG = System.getLogger(StageRegistry.class.getName());
    private final Map<String, List<RegisteredStage>> byName = new TreeMap<>();
    private final List<Consumer<RegisteredStage>> removalListeners = new CopyOnWriteArrayList<>();

    /** Registers a stage; a clash with an existing name is logged and reported by {@link #clashes()}. */
    public void add(Stage stage, String bundle, String bundleVersion) {
        String name = stage.name();
        try {
            Names.checkStageName(name);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "ignoring stage service " + stage.getClass().getName()
                    + " of bundle " + bundle + ": " + e.getMessage());
            return;
        }
        RegisteredStage entry = new RegisteredStage(stage, bundle, bundleVersion);
        synchronized (byName) {
            List<RegisteredStage> list = byName.computeIfAbsent(name, n -> new ArrayList<>());
            list.add(entry);
            if (list.size() > 1) {
                LOG.log(System.Logger.Level.ERROR, "stage name '" + name + "' is registered by several bundles: "
                        + bundles(list) + "; it cannot be used until only one remains");
            }
        }
    }

    /** A convenience for use without OSGi: the stage with no bundle. */
    public void add(Stage stage) {
        add(stage, "", "");
    }

    /** Unregisters a stage service (by identity) and tells the removal listeners (which cancel its builds). */
    public void remove(Stage stage) {
        RegisteredStage removed = null;
        synchronized (byName) {
            List<RegisteredStage> list = byName.get(safeName(stage));
            if (list != null) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).stage() == stage) {
                        removed = list.remove(i);
                        break;
                    }
                }
                if (list.isEmpty()) {
                    byName.remove(safeName(stage));
                }
            }
        }
        if (removed != null) {
            for (Consumer<RegisteredStage> l : removalListeners) {
                l.accept(removed);
            }
        }
    }

    private static String safeName(Stage stage) {
        String n = stage.name();
        return n == null ? "" : n;
    }

    /** Calls the listener with each stage removed, after it is gone; the result unsubscribes. */
    public Runnable onRemoval(Consumer<RegisteredStage> listener) {
        removalListeners.add(listener);
        return () -> removalListeners.remove(listener);
    }

    /** The stage of that name; StageNotFoundException, or a StagedmlException for a clash. */
    public RegisteredStage get(String name) {
        synchronized (byName) {
            List<RegisteredStage> list = byName.get(name);
            if (list == null || list.isEmpty()) {
                throw new StageNotFoundException(name);
            }
            if (list.size() > 1) {
                throw new StagedmlException("stage name '" + name + "' is registered by several bundles: "
                        + bundles(list) + "; stop all but one of them");
            }
            return list.get(0);
        }
    }

    /** The stage of that name when exactly one service has it. */
    public Optional<RegisteredStage> find(String name) {
        synchronized (byName) {
            List<RegisteredStage> list = byName.get(name);
            return list != null && list.size() == 1 ? Optional.of(list.get(0)) : Optional.empty();
        }
    }

    /** Whether this exact service is still registered (and not clashing). */
    public boolean isCurrent(RegisteredStage entry) {
        return find(entry.name()).map(e -> e.stage() == entry.stage()).orElse(false);
    }

    /** Every stage whose name is not clashing, sorted by name. */
    public List<RegisteredStage> stages() {
        synchronized (byName) {
            return byName.values().stream().filter(l -> l.size() == 1).map(l -> l.get(0)).toList();
        }
    }

    /** Clashing names -> the bundles registering them. */
    public Map<String, List<String>> clashes() {
        Map<String, List<String>> clashes = new TreeMap<>();
        synchronized (byName) {
            byName.forEach((name, list) -> {
                if (list.size() > 1) {
                    clashes.put(name, bundles(list));
                }
            });
        }
        return clashes;
    }

    private static List<String> bundles(List<RegisteredStage> list) {
        return list.stream().map(RegisteredStage::describeBundle).toList();
    }
}
