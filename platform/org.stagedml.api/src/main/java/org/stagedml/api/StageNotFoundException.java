package org.stagedml.api;

/** No stage of that name is registered (its bundle may be missing or stopped). */
public class StageNotFoundException extends StagedmlException {
    private static final long serialVersionUID = 1L;
    private final String stage;

    public StageNotFoundException(String stage) {
        super("unknown stage '" + stage + "': see stage:list for the stages that are registered");
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }
}
