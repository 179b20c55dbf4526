package org.stagedml.shell.internal;

import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.store.Store;

/** {@code store:failed}: the failed builds that {@code stage:realize --keep-failed} kept aside. */
@Component(service = Object.class, property = {"osgi.command.scope=store", "osgi.command.function=failed"})
public class FailedCommands {
    private final FailedBuildsShell shell;

    @Activate
    public FailedCommands(@Reference Store store) {
        this.shell = new FailedBuildsShell(store);
    }

    @Descriptor("list the failed builds kept aside by stage:realize --keep-failed (output folder, config, dependency paths, log); --rm deletes them")
    public void failed(@Descriptor("delete them all")
            @Parameter(names = {"--rm"}, presentValue = "true", absentValue = "false") boolean rm,
            @Descriptor("(nothing more: a stray word is reported)") String... extra) {
        Args.noExtra(List.of(extra), "--rm");
        if (rm) {
            shell.removeAll(System.out);
        } else {
            shell.list(System.out);
        }
    }
}
