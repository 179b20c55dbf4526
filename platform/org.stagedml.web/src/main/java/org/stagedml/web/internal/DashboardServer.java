package org.stagedml.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Hashtable;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.stagedml.api.StagedmlException;

/**
 * Starts and stops the dashboard's own Jetty instance. Felix HTTP creates one Jetty per
 * configuration of its factory PID {@code org.apache.felix.http}; the dashboard hands its
 * configuration straight to that factory instead of Config Admin, because Config Admin would keep
 * it in the home's config folder and every later command of that home would start a server on the
 * port too. The instance is named {@value #INSTANCE_NAME}; the dashboard's servlets target it
 * alone, so a Felix HTTP instance configured for something else never serves them.
 */
@Component(service = DashboardServer.class, immediate = true)
public class DashboardServer {
    static final String INSTANCE_NAME = "stagedml-web";
    /** Whiteboard target of every servlet and resource of the dashboard. */
    static final String TARGET = "(org.apache.felix.http.name=" + INSTANCE_NAME + ")";
    static final String JETTY_FACTORY_PID = "org.apache.felix.http";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8765;
    /** Without --port, this many ports from the default are tried (like Jupyter's port retries). */
    static final int PORTS_TRIED = 20;
    /** Framework properties: an embedding host starts the dashboard by setting the port (0: any from the default). */
    static final String PORT_PROPERTY = "stagedml.web.port";
    static final String HOST_PROPERTY = "stagedml.web.host";
    static final String TOKEN_PROPERTY = "stagedml.web.token";
    private static final long START_WAIT_MS = 20_000;
    /** Held so that their levels stick (java.util.logging keeps loggers weakly); their INFO lines are noise here. */
    private static final Logger JETTY_LOG = Logger.getLogger("org.eclipse.jetty");
    private static final Logger FELIX_HTTP_LOG = Logger.getLogger("org.apache.felix.http");

    /** How to serve: host to listen on, port (0: the first free from {@link #DEFAULT_PORT}), token (null: a new one). */
    record Settings(String host, int port, String token) {
        Settings {
            host = host == null || host.isBlank() ? DEFAULT_HOST : host.trim();
            if (port < 0 || port > 65535) {
                throw new StagedmlException("--port must be between 1 and 65535, got " + port);
            }
            if (token != null && token.length() < 16) {
                throw new StagedmlException("an access token must have at least 16 characters");
            }
        }
    }

    /** The dashboard being served. */
    record Running(String host, int port, String token, URI url, boolean loopback) {
    }

    private final BundleContext context;
    private volatile Running running;
    private String instancePid;
    private ServiceReference<ManagedServiceFactory> factoryRef;
    private ManagedServiceFactory factory;

    @Activate
    public DashboardServer(BundleContext context) {
        this.context = context;
        JETTY_LOG.setLevel(Level.WARNING);
        FELIX_HTTP_LOG.setLevel(Level.WARNING);
        String port = context.getProperty(PORT_PROPERTY);
        if (port != null && !port.isBlank()) {
            // an embedding host asked for it: start beside the activation, which must not block
            Thread t = new Thread(() -> {
                try {
                    Running r = start(new Settings(context.getProperty(HOST_PROPERTY), Integer.parseInt(port.trim()),
                            context.getProperty(TOKEN_PROPERTY)));
                    System.err.println("dashboard: " + r.url());
                } catch (RuntimeException e) {
                    System.err.println("warning: the dashboard did not start: " + e.getMessage());
                }
            }, "stagedml-web-start");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The dashboard now served, or null. */
    Running running() {
        return running;
    }

    /** Serves the dashboard (or returns the one already served with compatible settings). */
    synchronized Running start(Settings s) {
        Running now = running;
        if (now != null) {
            if ((s.port() != 0 && s.port() != now.port()) || !s.host().equals(now.host())) {
                throw new StagedmlException("the dashboard already serves at " + now.url()
                        + "; stop it first with stage:web --stop");
            }
            return now;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(s.host());
        } catch (UnknownHostException e) {
            throw new StagedmlException("unknown host '" + s.host() + "' for the dashboard (give an address such as 127.0.0.1)");
        }
        int port = s.port() != 0 ? requireFree(address, s.port()) : firstFree(address);
        String token = s.token() != null ? s.token() : newToken();
        ManagedServiceFactory factory = jettyFactory();
        String pid = JETTY_FACTORY_PID + "." + INSTANCE_NAME + "." + UUID.randomUUID();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, pid);
        props.put("service.factoryPid", JETTY_FACTORY_PID);
        props.put("org.apache.felix.http.name", INSTANCE_NAME);
        props.put("org.apache.felix.http.host", s.host());
        props.put("org.osgi.service.http.port", Integer.toString(port));
        props.put("org.apache.felix.http.enable", "true");
        props.put("org.apache.felix.https.enable", "false");
        props.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        try {
            factory.updated(pid, props);
        } catch (ConfigurationException e) {
            throw new StagedmlException("the HTTP server refused its configuration: " + e.getMessage(), e);
        }
        instancePid = pid;
        Running r = new Running(s.host(), port, token, url(address, s.host(), port, token), address.isLoopbackAddress());
        running = r;
        try {
            awaitServing(address, port, token);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return r;
    }

    /** Stops serving; false when nothing was served. */
    synchronized boolean stop() {
        running = null;
        if (instancePid == null) {
            return false;
        }
        try {
            if (factory != null) {
                factory.deleted(instancePid);
            }
        } catch (IllegalStateException e) {
            // the framework is stopping: Felix HTTP stops its instances itself
        } finally {
            instancePid = null;
        }
        return true;
    }

    @Deactivate
    void deactivate() {
        stop();
        if (factoryRef != null) {
            try {
                context.ungetService(factoryRef);
            } catch (IllegalStateException e) {
                // already gone
            }
            factoryRef = null;
            factory = null;
        }
    }

    private ManagedServiceFactory jettyFactory() {
        if (factory != null) {
            return factory;
        }
        try {
            Collection<ServiceReference<ManagedServiceFactory>> refs = context.getServiceReferences(
                    ManagedServiceFactory.class, "(" + Constants.SERVICE_PID + "=" + JETTY_FACTORY_PID + ")");
            for (ServiceReference<ManagedServiceFactory> ref : refs) {
                ManagedServiceFactory f = context.getService(ref);
                if (f != null) {
                    factoryRef = ref;
                    factory = f;
                    return f;
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        throw new StagedmlException("no HTTP server: the bundle org.apache.felix.http.jetty is missing or not active (see lb)");
    }

    private static int requireFree(InetAddress address, int port) {
        if (!free(address, port)) {
            throw new StagedmlException("port " + port + " on " + address.getHostAddress()
                    + " is in use; give another with --port N");
        }
        return port;
    }

    private static int firstFree(InetAddress address) {
        for (int p = DEFAULT_PORT; p < DEFAULT_PORT + PORTS_TRIED; p++) {
            if (free(address, p)) {
                return p;
            }
        }
        throw new StagedmlException("ports " + DEFAULT_PORT + "-" + (DEFAULT_PORT + PORTS_TRIED - 1) + " on "
                + address.getHostAddress() + " are all in use; give a free one with --port N");
    }

    private static boolean free(InetAddress address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The URL to print: the address listened on, or this machine's name when listening on every interface. */
    static URI url(InetAddress address, String host, int port, String token) {
        String h = host;
        if (address.isAnyLocalAddress()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                h = "localhost";
            }
        } else if (address instanceof Inet6Address && !host.startsWith("[")) {
            h = "[" + host + "]";
        }
        return URI.create("http://" + h + ":" + port + "/?token=" + token);
    }

    /** Waits until the dashboard answers, so that the URL printed works at once. */
    private static void awaitServing(InetAddress address, int port, String token) {
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address instanceof Inet6Address
                ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        long deadline = System.currentTimeMillis() + START_WAIT_MS;
        String last = "no answer";
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) new URL("http://" + host + ":" + port + "/ping").openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                c.setRequestProperty(AccessGuard.TOKEN_HEADER, token);
                int code = c.getResponseCode();
                if (code == 200) {
                    try (InputStream in = c.getInputStream()) {
                        if (new String(in.readAllBytes(), StandardCharsets.UTF_8).startsWith("ok")) {
                            return;
                        }
                    }
                }
                last = "HTTP " + code;
                c.disconnect();
            } catch (IOException e) {
                last = e.toString();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StagedmlException("interrupted while the dashboard was starting");
            }
        }
        throw new StagedmlException("the dashboard did not come up on " + host + ":" + port + " within "
                + START_WAIT_MS / 1000 + " s (" + last + ")");
    }
}
