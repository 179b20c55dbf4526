package org.stagedml.shell.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.stagedml.api.StagedmlException;

/**
 * Commands whose names hold a hyphen ({@code store:root-add}). Gogo maps a function to the method
 * of that name, and no Java method can be called {@code root-add}; Gogo then calls the object's
 * {@code _main} with the function's name first. The convention here: the function {@code root-add}
 * is the method {@code rootAdd}, with String parameters only; {@code _main} calls it through
 * {@link #call}, and {@link Help} finds its {@code @Descriptor} the same way.
 */
final class Hyphenated {
    private Hyphenated() {
    }

    /** The method name of a function: {@code root-add -> rootAdd}; a name without hyphens is itself. */
    static String methodName(String function) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : function.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** The public method serving a hyphenated function, if the type has one. */
    static Optional<Method> method(Class<?> type, String function) {
        if (function.indexOf('-') < 0) {
            return Optional.empty();
        }
        String name = methodName(function);
        return Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).findFirst();
    }

    /** Calls the method of a hyphenated function with the words the user typed; clear errors for the wrong count. */
    static void call(Object target, String function, String... args) {
        Method m = method(target.getClass(), function).orElseThrow(() -> new StagedmlException(
                "no command '" + function + "' here (help lists the commands)"));
        int want = m.getParameterCount();
        if (args.length != want) {
            throw new StagedmlException(function + " takes " + want + " argument(s), got " + args.length
                    + " (help " + function + " says which)");
        }
        try {
            m.invoke(target, (Object[]) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StagedmlException(function + " failed: " + Text.oneLine(e.getCause()), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
