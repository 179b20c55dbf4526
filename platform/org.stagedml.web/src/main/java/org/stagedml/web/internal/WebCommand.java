package org.stagedml.web.internal;

import java.io.PrintStream;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.StagedmlException;

/**
 * {@code stage:web [--port N] [--host ADDR] [--background] [--stop]}: serves the dashboard and prints
 * its URL (with the access token) as the first line. From {@code bin/stagedml stage:web} it serves
 * until interrupted (Ctrl-C); in the interactive shell, or with --background, it returns and
 * serves while the runtime runs.
 */
@Component(service = Object.class, property = {"osgi.command.scope=stage", "osgi.command.function=web"})
public class WebCommand {
    private final DashboardServer server;

    @Activate
    public WebCommand(@Reference DashboardServer server) {
        this.server = server;
    }

    @Descriptor("serve the dashboard (stages, realizations, compare, live builds) on 127.0.0.1 and print its URL with the"
            + " access token; a one-shot command serves until Ctrl-C, the interactive shell serves in the background")
    public void web(CommandSession session,
            @Descriptor("the port (default: the first free from 8765)")
            @Parameter(names = {"-p", "--port"}, absentValue = "0") int port,
            @Descriptor("the address to listen on (default 127.0.0.1); another interface lets anyone who can reach it and"
                    + " holds the token use the dashboard")
            @Parameter(names = {"--host"}, absentValue = "") String host,
            @Descriptor("return at once and serve while the runtime runs")
            @Parameter(names = {"-b", "--background"}, presentValue = "true", absentValue = "false") boolean background,
            @Descriptor("stop serving")
            @Parameter(names = {"--stop"}, presentValue = "true", absentValue = "false") boolean stop) {
        PrintStream out = session != null && session.getConsole() != null ? session.getConsole() : System.out;
        if (stop) {
            out.println(server.stop() ? "dashboard stopped" : "the dashboard was not running");
            out.flush();
            return;
        }
        boolean wasRunning = server.running() != null;
        DashboardServer.Running r = server.start(new DashboardServer.Settings(host.isBlank() ? null : host, port, null));
        out.println(r.url());
        if (!r.loopback()) {
            out.println("warning: listening on " + r.host() + ": anyone who can reach this address and holds the token can"
                    + " read the store and start builds");
        }
        out.flush();
        if (background || wasRunning || interactive(session)) {
            out.println("serving in the background; stage:web --stop stops it");
            out.flush();
            return;
        }
        out.println("serving until interrupted (Ctrl-C)");
        out.flush();
        boolean interrupted = false;
        try {
            while (server.running() == r) {
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (server.running() == r) {
            server.stop(); // with the interrupt cleared: Jetty's stop waits, and an interrupted wait would abort it
        }
        out.println("dashboard stopped");
        out.flush();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The interactive shell has a line-editing terminal (Gogo JLine's session variable); a one-shot command line has none. */
    static boolean interactive(CommandSession session) {
        try {
            return session != null && (session.get(".terminal") != null || session.get(".jline.terminal") != null);
        } catch (RuntimeException e) {
            throw new StagedmlException("cannot read the shell session: " + e.getMessage(), e);
        }
    }
}
