package org.stagedml.shell.internal;

import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.stagedml.api.StagedmlException;

/**
 * What {@code help} prints, in the layout of Gogo's {@code felix:help}, for every registered
 * command including the hyphenated ones ({@code store:root-add}), which Gogo's own help cannot
 * see: it looks for a method named exactly like the function (see {@link Hyphenated}).
 */
final class Help {
    /** One registered function: its scope, name and the class of the object that serves it. */
    record Command(String scope, String function, Class<?> type) {
        String name() {
            return scope + ":" + function;
        }

        /** The methods Gogo calls for it: of its name, {@code _name} (keywords) or the hyphenated convention. */
        List<Method> methods() {
            List<Method> ms = new ArrayList<>();
            for (Method m : type.getMethods()) {
                if (m.getName().equalsIgnoreCase(function) || m.getName().equalsIgnoreCase("_" + function)) {
                    ms.add(m);
                }
            }
            if (ms.isEmpty()) {
                Hyphenated.method(type, function).ifPresent(ms::add);
            }
            ms.sort((a, b) -> Integer.compare(a.getParameterCount(), b.getParameterCount()));
            return ms;
        }
    }

    private Help() {
    }

    /** Every command, sorted, one per line. */
    static void list(PrintStream out, List<Command> commands) {
        commands.stream().map(Command::name).distinct().sorted().forEach(out::println);
    }

    /** The description of one command ({@code scope:function} or a bare function name); an error when there is none. */
    static void describe(PrintStream out, List<Command> commands, String name) {
        int colon = name.indexOf(':');
        List<Command> matching = commands.stream()
                .filter(c -> colon < 0 ? c.function().equals(name) : c.name().equals(name))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
        if (matching.isEmpty()) {
            throw new StagedmlException("no command '" + name + "' (help lists the commands)");
        }
        for (Command c : matching) {
            List<Method> methods = c.methods();
            if (methods.isEmpty()) {
                out.println();
                out.println(c.function() + " (no description)");
                out.println("   scope: " + c.scope());
            }
            methods.forEach(m -> describe(out, c, m));
        }
    }

    private static void describe(PrintStream out, Command c, Method m) {
        Descriptor d = m.getAnnotation(Descriptor.class);
        out.println();
        out.println(c.function() + (d == null ? "" : " - " + d.value()));
        out.println("   scope: " + c.scope());
        Map<String, String> flags = new TreeMap<>();
        Map<String, String> options = new TreeMap<>();
        List<String> params = new ArrayList<>();
        Annotation[][] annotations = m.getParameterAnnotations();
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (types[i] == CommandSession.class || (i == 0 && m.getName().equals("_main"))) {
                continue; // the session, and the function name Gogo gives _main, are not the user's to type
            }
            Parameter p = find(annotations[i], Parameter.class);
            Descriptor pd = find(annotations[i], Descriptor.class);
            String doc = pd == null ? "" : pd.value();
            if (p != null) {
                String names = String.join(", ", Arrays.asList(p.names()));
                if (p.presentValue().equals(Parameter.UNSPECIFIED)) {
                    options.put(names, doc + " [optional]");
                } else {
                    flags.put(names, doc);
                }
            } else {
                params.add(types[i].getSimpleName() + "   " + doc);
            }
        }
        section(out, "flags", flags);
        section(out, "options", options);
        if (!params.isEmpty()) {
            out.println("   parameters:");
            params.forEach(p -> out.println("      " + p));
        }
    }

    private static void section(PrintStream out, String title, Map<String, String> entries) {
        if (!entries.isEmpty()) {
            out.println("   " + title + ":");
            entries.forEach((names, doc) -> out.println("      " + names + "   " + doc));
        }
    }

    static <T extends Annotation> T find(Annotation[] annotations, Class<T> type) {
        for (Annotation a : annotations) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }
}
