package org.stagedml.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code help} and {@code help COMMAND} for every command of the framework, hyphenated ones
 * included (see {@link Help}). Scope {@code stagedml}: the distribution's Gogo profiles and the
 * one-shot launcher put it first ({@code SCOPE = 'stagedml:gogo:*'}), so a bare {@code help} is
 * this one rather than Gogo's, which cannot see the hyphenated commands.
 * No references: it registers as soon as the shell bundle starts.
 */
@Component(service = Object.class, property = {"osgi.command.scope=stagedml", "osgi.command.function=help"})
public class HelpCommand {
    private final BundleContext context;

    @Activate
    public HelpCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("list the commands")
    public void help() {
        Help.list(System.out, commands());
    }

    @Descriptor("describe a command: what it does, its flags, options and parameters")
    public void help(@Descriptor("the command, with or without its scope (store:root-add, realize)") String command) {
        Help.describe(System.out, commands(), command);
    }

    private List<Help.Command> commands() {
        List<Help.Command> commands = new ArrayList<>();
        ServiceReference<?>[] refs;
        try {
            refs = context.getAllServiceReferences(null, "(&(osgi.command.scope=*)(osgi.command.function=*))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            Object service = context.getService(ref);
            if (service == null) {
                continue; // a component that failed to activate
            }
            try {
                String scope = String.valueOf(ref.getProperty("osgi.command.scope"));
                for (String function : functions(ref.getProperty("osgi.command.function"))) {
                    commands.add(new Help.Command(scope, function, service.getClass()));
                }
            } finally {
                context.ungetService(ref);
            }
        }
        return commands;
    }

    private static List<String> functions(Object property) {
        if (property instanceof String[] a) {
            return List.of(a);
        }
        if (property instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(property));
    }
}
