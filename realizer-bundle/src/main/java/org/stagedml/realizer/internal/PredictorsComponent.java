package org.stagedml.realizer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.stagedml.api.Config;
import org.stagedml.api.DRef;
import org.stagedml.api.Derivation;
import org.stagedml.api.RRef;
import org.stagedml.api.RealizationInfo;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.predict.Predictor;
import org.stagedml.api.predict.PredictorProvider;
import org.stagedml.api.predict.Predictors;
import org.stagedml.api.predict.TrainedModel;
import org.stagedml.api.store.Store;

/**
 * The {@link Predictors} service: finds the provider registered for a realization's stage and opens
 * it on the realization, its derivation's config and the folders of the dependencies its build used.
 */
@Component(service = Predictors.class)
public class PredictorsComponent implements Predictors {
    private final Store store;
    private final List<PredictorProvider> providers = new CopyOnWriteArrayList<>();

    @Activate
    public PredictorsComponent(@Reference Store store) {
        this.store = store;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addProvider(PredictorProvider p) {
        providers.add(p);
    }

    public void removeProvider(PredictorProvider p) {
        providers.remove(p);
    }

    @Override
    public Set<String> stages() {
        Set<String> s = new TreeSet<>();
        providers.forEach(p -> s.addAll(p.stages()));
        return s;
    }

    @Override
    public Predictor open(RRef rref) throws IOException {
        PredictorProvider provider = providers.stream().filter(p -> p.stages().contains(rref.name())).findFirst()
                .orElseThrow(() -> new StagedmlException("no predictor for stage '" + rref.name() + "'"
                        + (stages().isEmpty() ? ": no model bundle offering predictions is started"
                                : "; predictions are available for " + stages())));
        return provider.open(model(store, rref));
    }

    /** The realization with its config and the folders of the dependency realizations its build used. */
    static TrainedModel model(Store store, RRef rref) {
        RealizationInfo info = store.realization(rref).orElseThrow(() -> new StagedmlException(
                "no realization " + rref + " in the store " + store.root() + " (store:list shows what is there)"));
        Derivation d = store.derivation(rref.dref()).orElseThrow(() -> new StagedmlException(
                "the derivation of " + rref + " is missing from the store; run store:verify"));
        Config c = d.config();
        Map<String, Path> deps = new LinkedHashMap<>();
        c.toJson().fields().forEachRemaining(e -> {
            if (e.getValue().isTextual() && e.getValue().textValue().startsWith("dref:")) {
                try {
                    DRef dref = DRef.parse(e.getValue().textValue());
                    List<RRef> used = info.context().get(dref);
                    if (used != null && !used.isEmpty()) {
                        deps.put(e.getKey(), store.path(used.get(0)));
                    }
                } catch (IllegalArgumentException ex) {
                    // a string that only looks like a dref
                }
            }
        });
        return new TrainedModel(rref, c, info.path(), deps);
    }
}
