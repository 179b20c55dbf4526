package org.stagedml.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.store.Store;

/**
 * {@code store:root-add NAME REF}. Gogo maps a function to the method of that name, and no method
 * can be called {@code root-add}; Gogo also calls a method named {@code _main} for any function
 * (with the function's name as first argument), so each hyphenated command is a small service of
 * its own with a {@code _main}.
 */
@Component(service = StoreRootAddCommand.class, property = {"osgi.command.scope=store", "osgi.command.function=root-add"})
public class StoreRootAddCommand {
    private final StoreShell shell;

    @Activate
    public StoreRootAddCommand(@Reference Store store) {
        this.shell = new StoreShell(store);
    }

    @Descriptor("add (or replace) a named GC root pointing to a realization or derivation")
    public void _main(@Descriptor("the command's name (given by Gogo)") String command,
            @Descriptor("the root's name") String name,
            @Descriptor("rref, dref or stage name (its latest realization)") String ref) {
        shell.rootAdd(System.out, name, ref);
    }
}
