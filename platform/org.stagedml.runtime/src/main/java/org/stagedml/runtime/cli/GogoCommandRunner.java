package org.stagedml.runtime.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.stagedml.runtime.EmbeddedFramework;

/**
 * Runs one Gogo command line in the embedded framework. Gogo's classes live inside the framework,
 * not on this class path, so its session is driven reflectively through the public
 * {@code CommandProcessor}/{@code CommandSession} methods.
 */
public final class GogoCommandRunner {
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(20);
    /** The scope path of the distribution's Gogo profiles (conf/shell and conf/batch, etc/gosh_profile). */
    static final String SCOPE = "stagedml:gogo:*";
    private final EmbeddedFramework framework;
    private volatile Object session;
    private volatile boolean interrupted;

    public GogoCommandRunner(EmbeddedFramework framework) {
        this.framework = framework;
    }

    /** Runs the line; prints a non-null result; returns the exit code (0 ok, 1 failed). */
    int run(String line, InputStream in, PrintStream out, PrintStream err) throws InterruptedException {
        return run(line, in, out, err, java.util.Map.of(), null);
    }

    /**
     * Runs the line in a session with these variables and working directory (the server runs a
     * client's command with the client's; null keeps the process's).
     */
    public int run(String line, InputStream in, PrintStream out, PrintStream err, java.util.Map<String, Object> variables,
            java.nio.file.Path cwd) throws InterruptedException {
        ServiceReference<?> ref = framework.awaitService("(objectClass=" + PROCESSOR + ")", COMMAND_WAIT);
        if (ref == null) {
            err.println("error: the Gogo command processor did not start (is org.apache.felix.gogo.runtime in bundle/?)");
            return 1;
        }
        BundleContext bc = framework.bundleContext();
        ServiceReference<?> command = awaitCommand(line);
        // hold the command's component while it runs; a component that fails to activate (its
        // own or a service it needs) would otherwise reach the user as Gogo's NullPointerException
        Object commandService = command == null ? null : bc.getService(command);
        if (command != null && commandService == null) {
            err.println("error: the command '" + firstWord(line) + "' could not start: its component or a service it"
                    + " needs failed to activate; try again, or run with STAGEDML_JAVA_OPTS=-Dstagedml.trace=true");
            return 1;
        }
        Object processor = bc.getService(ref);
        try {
            Object s = processor.getClass().getMethod("createSession", InputStream.class,
                    java.io.OutputStream.class, java.io.OutputStream.class).invoke(processor, in, out, err);
            session = s;
            try {
                // the profiles' scope path: StagedML's help (it knows the hyphenated commands; gogo:help
                // does not), then Gogo's commands, then any; a session created here reads no profile
                call(s, "put", new Class<?>[] {String.class, Object.class}, "SCOPE", SCOPE);
                // a command that can pause (stage:realize --break) waits instead of returning, since
                // the process ends when the line returns (the shell's StageCommands.ONE_SHOT)
                call(s, "put", new Class<?>[] {String.class, Object.class}, "stagedml.oneshot", Boolean.TRUE);
                for (java.util.Map.Entry<String, Object> v : variables.entrySet()) {
                    call(s, "put", new Class<?>[] {String.class, Object.class}, v.getKey(), v.getValue());
                }
                if (cwd != null) {
                    call(s, "currentDir", new Class<?>[] {java.nio.file.Path.class}, cwd);
                }
                Object result = call(s, "execute", new Class<?>[] {CharSequence.class}, line);
                if (result != null) {
                    Object text = call(s, "format", new Class<?>[] {Object.class, int.class}, result, 0);
                    out.println(text);
                }
                out.flush();
                return 0;
            } finally {
                session = null;
                call(s, "close", new Class<?>[0]);
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            out.flush();
            // after Ctrl-C the command has said what it cancelled; what it threw on the way out
            // (interrupted waits, channels closed by the interrupt) is no news to the user
            err.println(interrupted ? "cancelled" : "error: " + message(cause));
            if (Boolean.getBoolean("stagedml.trace")) {
                cause.printStackTrace(err);
            }
            return 1;
        } catch (ReflectiveOperationException e) {
            err.println("error: cannot drive the Gogo session: " + e);
            return 1;
        } finally {
            bc.ungetService(ref);
            if (commandService != null) {
                bc.ungetService(command);
            }
        }
    }

    /** Interrupts the running command (Ctrl-C): Gogo interrupts the job's threads. */
    public void interrupt() {
        interrupted = true;
        Object s = session;
        if (s == null) {
            return;
        }
        try {
            Object job = call(s, "foregroundJob", new Class<?>[0]);
            if (job != null) {
                job.getClass().getMethod("interrupt").invoke(job);
            }
        } catch (ReflectiveOperationException e) {
            // nothing more we can do; the JVM is exiting
        }
    }

    /**
     * Waits for the command's service: DS registers command components asynchronously to the
     * framework start, and a one-shot launch must not race them. Null when the line does not
     * start with a plain command name, or when no such service came up (Gogo then says so).
     */
    private ServiceReference<?> awaitCommand(String line) throws InterruptedException {
        String first = firstWord(line);
        if (first.isEmpty() || !first.matches("[A-Za-z0-9_.:-]+")) {
            return null;
        }
        int colon = first.indexOf(':');
        String filter = colon < 0
                ? "(osgi.command.function=" + first + ")"
                : "(&(osgi.command.scope=" + first.substring(0, colon) + ")(osgi.command.function="
                        + first.substring(colon + 1) + "))";
        return framework.awaitService(filter, COMMAND_WAIT);
    }

    private static String firstWord(String line) {
        return line.trim().split("\\s+", 2)[0];
    }

    private static Object call(Object target, String name, Class<?>[] types, Object... args)
            throws ReflectiveOperationException {
        Method m = findPublic(target.getClass(), name, types);
        return m.invoke(target, args);
    }

    /** The method as declared by a public interface (the implementation class may be private). */
    private static Method findPublic(Class<?> c, String name, Class<?>[] types) throws NoSuchMethodException {
        for (Class<?> i : c.getInterfaces()) {
            try {
                return i.getMethod(name, types);
            } catch (NoSuchMethodException e) {
                // try the next
            }
        }
        if (c.getSuperclass() != null) {
            return findPublic(c.getSuperclass(), name, types);
        }
        return c.getMethod(name, types);
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if (t.getClass().getSimpleName().equals("CommandNotFoundException")) {
            return (m == null ? "command not found" : m) + " (type 'help' in the shell for the commands)";
        }
        return m == null || m.isBlank() ? t.getClass().getName() : m;
    }
}
