package org.stagedml.shell.internal;

/**
 * A JVM shutdown hook for the length of a command: bin/stagedml ends with the JVM on Ctrl-C, so a
 * command that runs builds stops them from here. Closing removes the hook unless it is running.
 */
final class ExitHook implements AutoCloseable {
    private final Thread hook;

    ExitHook(String name, Runnable onExit) {
        this.hook = new Thread(onExit, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
