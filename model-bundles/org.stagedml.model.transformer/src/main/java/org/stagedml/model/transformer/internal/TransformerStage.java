package org.stagedml.model.transformer.internal;

public class TransformerStage {
    public static final String NAME = "transformer";
}
