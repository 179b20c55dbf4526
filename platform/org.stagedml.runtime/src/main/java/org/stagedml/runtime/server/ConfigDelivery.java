package org.stagedml.runtime.server;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Waits until Config Admin has delivered the configuration changes made so far. Config Admin tells
 * Declarative Services of a change on its event thread, one event after the other; a marker
 * configuration changed after them comes last, so once its event reaches a listener of ours, the
 * components have been given the changes before it. Config Admin is inside the framework, not on
 * this class path: the listener is a proxy of its interface, the calls reflective.
 */
final class ConfigDelivery {
    static final String MARKER = "org.stagedml.runtime.server.delivered";
    private static final String CM = "org.osgi.service.cm.ConfigurationAdmin";
    private static final int CM_DELETED = 2;

    private ConfigDelivery() {
    }

    /** True when the marker came through within the timeout (false also when there is no Config Admin). */
    static boolean await(BundleContext context, Duration timeout) throws InterruptedException {
        ServiceReference<?> ref = context.getServiceReference(CM);
        if (ref == null) {
            return false;
        }
        Object cm = context.getService(ref);
        ServiceRegistration<?> reg = null;
        try {
            Class<?> type = cm.getClass().getClassLoader().loadClass("org.osgi.service.cm.ConfigurationListener");
            CountDownLatch seen = new CountDownLatch(1);
            Object listener = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
                switch (m.getName()) {
                    case "configurationEvent" -> {
                        Object event = args[0];
                        Object pid = event.getClass().getMethod("getPid").invoke(event);
                        Object kind = event.getClass().getMethod("getType").invoke(event);
                        if (MARKER.equals(pid) && Integer.valueOf(CM_DELETED).equals(kind)) {
                            seen.countDown();
                        }
                        return null;
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    default -> {
                        return "StagedML server configuration marker listener";
                    }
                }
            });
            reg = context.registerService(type.getName(), listener, null);
            Object config = call(cm, "getConfiguration", new Class<?>[] {String.class, String.class}, MARKER, "?");
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("marker", Long.toString(System.nanoTime()));
            call(config, "update", new Class<?>[] {Dictionary.class}, props);
            call(config, "delete", new Class<?>[0]); // leaves nothing behind; its event is the marker
            return seen.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("warning: cannot wait for Config Admin's deliveries: " + e);
            return false;
        } finally {
            if (reg != null) {
                reg.unregister();
            }
            context.ungetService(ref);
        }
    }

    private static Object call(Object target, String name, Class<?>[] types, Object... args)
            throws ReflectiveOperationException {
        for (Class<?> k = target.getClass(); k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                try {
                    Method m = i.getMethod(name, types);
                    return m.invoke(target, args);
                } catch (NoSuchMethodException e) {
                    // the next
                }
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }
}
