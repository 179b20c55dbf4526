package org.stagedml.api.stage;

/**
 * Names of the data layouts stages provide ({@link Stage#provides()}) and STAGE fields accept, so
 * that a model reads any dataset stage writing the layout it knows.
 */
public final class DataLayouts {
    /**
     * Text classification in GLUE's normalized layout: {@code train.jsonl}, {@code dev.jsonl},
     * {@code test.jsonl} (lines of {@code {"id", "sentence1", "sentence2" (pairs), "label"}}) and
     * {@code task.json} ({@code task}, {@code type}, {@code labels}, {@code pair}, {@code counts}).
     */
    public static final String GLUE_JSONL = "glue-jsonl";
    /**
     * Labelled images as IDX files: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte} (idx3 for one channel; with
     * several channels the images file is idx4: count, rows, cols, channels) and {@code dataset.json}
     * ({@code classes}, {@code rows}, {@code cols}, {@code channels}, counts).
     */
    public static final String IDX_IMAGES = "idx-images";

    private DataLayouts() {
    }
}
