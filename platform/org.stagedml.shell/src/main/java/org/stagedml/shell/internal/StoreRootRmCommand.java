package org.stagedml.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.store.Store;

/** {@code store:root-rm NAME} (a service of its own for the reason given in {@link StoreRootAddCommand}). */
@Component(service = StoreRootRmCommand.class, property = {"osgi.command.scope=store", "osgi.command.function=root-rm"})
public class StoreRootRmCommand {
    private final StoreShell shell;

    @Activate
    public StoreRootRmCommand(@Reference Store store) {
        this.shell = new StoreShell(store);
    }

    @Descriptor("remove a named GC root")
    public void _main(@Descriptor("the command's name (given by Gogo)") String command,
            @Descriptor("the root's name") String name) {
        shell.rootRm(System.out, name);
    }
}
