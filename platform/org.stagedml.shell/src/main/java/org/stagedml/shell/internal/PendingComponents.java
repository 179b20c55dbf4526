package org.stagedml.shell.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Which Declarative Services components are not serving yet, asked of the
 * {@link ServiceComponentRuntime}: a one-shot command may run just after the framework started,
 * before SCR has read every bundle's components or satisfied them. Knows no bundle names, so a
 * third-party engine (or any component) is waited for like ours.
 */
final class PendingComponents {
    private PendingComponents() {
    }

    /**
     * One line per reason to wait: an active bundle whose components SCR has not read yet, or an
     * enabled component matching {@code which} whose configuration is not satisfied yet (with why).
     */
    static List<String> of(ServiceComponentRuntime scr, Bundle[] bundles, Predicate<ComponentDescriptionDTO> which) {
        List<String> pending = new ArrayList<>();
        Set<Long> described = new HashSet<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            described.add(d.bundle.id);
            if (!which.test(d) || !scr.isComponentEnabled(d)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    List<String> refs = new ArrayList<>();
                    for (var r : c.unsatisfiedReferences) {
                        refs.add(r.name);
                    }
                    pending.add(d.name + " (" + d.bundle.symbolicName + "): waiting for " + String.join(", ", refs));
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    pending.add(d.name + " (" + d.bundle.symbolicName + "): waiting for its configuration");
                }
            }
        }
        for (Bundle b : bundles) {
            if (b.getState() == Bundle.ACTIVE && b.getHeaders().get("Service-Component") != null
                    && !described.contains(b.getBundleId())) {
                pending.add(b.getSymbolicName() + ": components not read yet");
            }
        }
        return pending;
    }

    /** A component that offers this service. */
    static Predicate<ComponentDescriptionDTO> providing(String serviceInterface) {
        return d -> d.serviceInterfaces != null && List.of(d.serviceInterfaces).contains(serviceInterface);
    }

    /** Polls until nothing is pending or the time is up; returns what was still pending. */
    static List<String> await(ServiceComponentRuntime scr, java.util.function.Supplier<Bundle[]> bundles,
            Predicate<ComponentDescriptionDTO> which, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<String> pending = of(scr, bundles.get(), which);
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            pending = of(scr, bundles.get(), which);
        }
        return pending;
    }
}
