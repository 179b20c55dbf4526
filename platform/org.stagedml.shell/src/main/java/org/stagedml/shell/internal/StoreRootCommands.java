package org.stagedml.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.store.Store;

/**
 * {@code store:root-add} and {@code store:root-rm}: hyphenated, so served by {@link #_main} (see
 * {@link Hyphenated}). An object of their own: Gogo falls back to {@code _main} whenever a line
 * does not bind to a command's method, which would hide the other store commands' own errors.
 */
@Component(service = Object.class, property = {"osgi.command.scope=store", "osgi.command.function=root-add",
        "osgi.command.function=root-rm"})
public class StoreRootCommands {
    private final StoreShell shell;

    @Activate
    public StoreRootCommands(@Reference Store store) {
        this.shell = new StoreShell(store);
    }

    @Descriptor("add (or replace) a named GC root pointing to a realization or derivation")
    public void rootAdd(@Descriptor("the root's name") String name,
            @Descriptor("rref, dref or stage name (its latest realization)") String ref) {
        shell.rootAdd(System.out, name, ref);
    }

    @Descriptor("remove a named GC root")
    public void rootRm(@Descriptor("the root's name") String name) {
        shell.rootRm(System.out, name);
    }

    /** Gogo calls this, with the function's name first, for a function without a method of its name. */
    public void _main(String function, String... args) {
        Hyphenated.call(this, function, args);
    }
}
