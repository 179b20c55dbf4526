package org.stagedml.shell.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.realize.Realizer;
import org.stagedml.api.store.Store;
import org.stagedml.api.sweep.SweepListener;
import org.stagedml.api.sweep.SweepResult;
import org.stagedml.api.sweep.SweepSpec;
import org.stagedml.api.sweep.Sweeper;

/** The {@link Sweeper} service ({@code stage:sweep}, the embedded runtime's {@code sweep}); see {@link Sweeps}. */
@Component(service = Sweeper.class)
public class SweeperComponent implements Sweeper {
    private final Sweeps sweeps;

    @Activate
    public SweeperComponent(@Reference Realizer realizer, @Reference Store store) {
        this.sweeps = new Sweeps(realizer, store);
    }

    @Override
    public SweepResult sweep(SweepSpec spec, SweepListener listener) throws InterruptedException {
        return sweeps.sweep(spec, listener);
    }
}
