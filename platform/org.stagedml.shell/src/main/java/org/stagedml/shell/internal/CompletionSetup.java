package org.stagedml.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Component;

/**
 * Installs our commands' completion data into each console session when it runs its first line
 * (the profile's lines count), so that nothing has to be written twice in the profile.
 */
@Component
public class CompletionSetup implements CommandSessionListener {
    /** Marks a session whose completion data is installed. */
    private static final String INSTALLED = ".stagedml.completion";

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        if (session.get(INSTALLED) != null) {
            return;
        }
        try {
            session.put(INSTALLED, JLineCompletion.install(session));
        } catch (LinkageError noJLine) {
            session.put(INSTALLED, Boolean.FALSE); // JLine is not deployed: no console to complete in
        }
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
    }
}
