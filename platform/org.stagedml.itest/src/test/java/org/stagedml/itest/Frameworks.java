package org.stagedml.itest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** What the running framework looks like: bundles not active, components not satisfied. */
final class Frameworks {
    private Frameworks() {}

    /** Bundles that are not ACTIVE, as "bsn: STATE"; fragments (never active) are left out. */
    static List<String> inactiveBundles(BundleContext context) {
        List<String> inactive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                inactive.add(b.getSymbolicName() + ": " + state(b.getState()));
            }
        }
        return inactive;
    }

    /** Enabled components with a configuration that is neither ACTIVE nor SATISFIED, with why. */
    static List<String> unsatisfiedComponents(ServiceComponentRuntime scr) {
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            String name = d.bundle.symbolicName + "/" + d.name;
            var configs = scr.getComponentConfigurationDTOs(d);
            if (configs.isEmpty()) {
                unsatisfied.add(name + ": waiting for a configuration");
            }
            for (ComponentConfigurationDTO c : configs) {
                if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                    unsatisfied.add(name + ": " + why(c));
                }
            }
        }
        return unsatisfied;
    }

    static ServiceComponentRuntime scr(BundleContext context) {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        if (ref == null) {
            throw new AssertionError("no ServiceComponentRuntime: Felix SCR is not in the distribution or not active");
        }
        return context.getService(ref);
    }

    /** Polls until the list is empty or the time is up; returns the last list. */
    static List<String> awaitEmpty(Supplier<List<String>> problems, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<String> last = problems.get();
        while (!last.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            last = problems.get();
        }
        return last;
    }

    private static String why(ComponentConfigurationDTO c) {
        switch (c.state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                List<String> refs = new ArrayList<>();
                for (var r : c.unsatisfiedReferences) {
                    refs.add(r.name + (r.target == null ? "" : " " + r.target));
                }
                return "UNSATISFIED_REFERENCE " + refs;
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                return "FAILED_ACTIVATION " + c.failure;
            default:
                return "state " + c.state;
        }
    }

    private static String state(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "UNINSTALLED";
        }
    }
}
