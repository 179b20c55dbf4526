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
 * shadowed). Entries know their identity without the service object ({@link RegisteredStage#lazy}),
 * so listing and finding stages activates none. Thread-safe.
 */
public final class StageRegistry {
    private final Map<String, List<RegisteredStage>> byName = new TreeMap<>();
    private final List<Consumer<RegisteredStage>> removalListeners = new CopyOnWriteArrayList<>();
    private final RealizerLog log;

    public StageRegistry() {
        this(RealizerLog.system(StageRegistry.class.getName()));
    }

    StageRegistry(RealizerLog log) {
        this.log = log;
    }

    /** Registers a stage service object; a clash with an existing name is logged and reported by {@link #clashes()}. */
    public void add(Stage stage, String bundle, String bundleVersion) {
        add(stage, stage, bundle, bundleVersion);
    }

    /**
     * Registers a stage service object under a key (what {@link #remove(Object)} is given later),
     * reading its identity from its getters.
     */
    void add(Object key, Stage stage, String bundle, String bundleVersion) {
        RegisteredStage entry;
        try {
            entry = new RegisteredStage(key, stage, bundle, bundleVersion);
        } catch (RuntimeException e) { // its name(), version() or description() threw
            log.error("ignoring stage service " + stage.getClass().getName() + " of bundle " + bundle
                    + ": it cannot say its name, version and description: " + e.getMessage(), e);
            return;
        }
        add(entry);
    }

    /** A convenience for use without OSGi: the stage with no bundle. */
    public void add(Stage stage) {
        add(stage, "", "");
    }

    /** Registers an entry (e.g. one read from service properties); false when its name is invalid (logged). */
    public boolean add(RegisteredStage entry) {
        try {
            Names.checkStageName(entry.name());
        } catch (IllegalArgumentException e) {
            log.error("ignoring a stage service of bundle " + entry.describeBundle() + ": " + e.getMessage(), null);
            return false;
        }
        List<RegisteredStage> clash = null;
        synchronized (byName) {
            List<RegisteredStage> list = byName.computeIfAbsent(entry.name(), n -> new ArrayList<>());
            list.add(entry);
            if (list.size() > 1) {
                clash = List.copyOf(list);
            }
        }
        if (clash == null) {
            log.info("stage added: " + entry);
        } else {
            log.error("stage name '" + entry.name() + "' is registered by several bundles: " + bundles(clash)
                    + "; it cannot be used until only one remains", null);
        }
        return true;
    }

    /** Unregisters a stage service object (by identity) and tells the removal listeners (which cancel its builds). */
    public void remove(Stage stage) {
        remove((Object) stage);
    }

    /**
     * Unregisters the entry of that key (the Stage object, or the key given to
     * {@link RegisteredStage#lazy}) and tells the removal listeners (which cancel its builds).
     */
    public void remove(Object key) {
        RegisteredStage removed = null;
        synchronized (byName) {
            for (List<RegisteredStage> list : byName.values()) {
                for (int i = 0; i < list.size() && removed == null; i++) {
                    if (list.get(i).key().equals(key)) { // a ServiceReference defines equals; a Stage is its identity
                        removed = list.remove(i);
                    }
                }
                if (removed != null) {
                    if (list.isEmpty()) {
                        byName.remove(removed.name());
                    }
                    break;
                }
            }
        }
        if (removed != null) {
            log.info("stage removed: " + removed);
            for (Consumer<RegisteredStage> l : removalListeners) {
                l.accept(removed);
            }
        }
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

    /** Whether this exact registration is still there (and not clashing). */
    public boolean isCurrent(RegisteredStage entry) {
        return find(entry.name()).map(e -> e == entry).orElse(false);
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
