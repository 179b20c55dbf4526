package org.stagedml.shell.internal;

import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.store.Store;

/**
 * {@code stage:__complete}: the candidates the console offers on TAB after our commands (see
 * {@link Completion}); the leading underscores keep it out of the console's command completion.
 */
@Component(service = Object.class, property = {"osgi.command.scope=stage", "osgi.command.function=__complete"})
public class CompletionCommand {
    private final Completion completion;

    @Activate
    public CompletionCommand(@Reference Realizer realizer, @Reference Store store) {
        this.completion = new Completion(realizer, store);
    }

    @Descriptor("the completion candidates of the console's current line (called by the console on TAB)")
    public List<?> __complete(CommandSession session) {
        try {
            return JLineCompletion.candidates(completion, session);
        } catch (LinkageError noJLine) {
            return List.of(); // JLine is not deployed: no console to complete in
        }
    }
}
