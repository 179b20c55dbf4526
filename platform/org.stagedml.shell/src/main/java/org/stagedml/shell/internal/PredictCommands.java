package org.stagedml.shell.internal;

import java.io.IOException;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stagedml.api.predict.Predictors;

/** {@code stage:predict}: predictions of a trained model, one line per input starting with the label. */
@Component(service = Object.class, property = {"osgi.command.scope=stage", "osgi.command.function=predict"})
public class PredictCommands {
    private final PredictShell shell;

    @Activate
    public PredictCommands(@Reference Predictors predictors) {
        this.shell = new PredictShell(predictors);
    }

    @Descriptor("predict with a trained model: stage:predict <rref> <text>... | <text> <text2>... (pair models) | <image>..."
            + " [--input f.jsonl] [--output f.jsonl]; prints the label, then label=probability for every label")
    public void predict(@Descriptor("the rref, then the inputs and options") String... args) throws IOException {
        shell.predict(System.out, List.of(args));
    }
}
