package org.stagedml.api.predict;

import java.nio.file.Path;

/**
 * One input to predict: a text, a pair of texts, or an image file.
 *
 * @param text the text (null for an image)
 * @param text2 the second text of a pair (null otherwise)
 * @param image the image file (null for texts)
 */
public record PredictionInput(String text, String text2, Path image) {
    public PredictionInput {
        if ((text == null) == (image == null)) {
            throw new IllegalArgumentException("a prediction input is a text or an image, not both or neither");
        }
        if (text2 != null && text == null) {
            throw new IllegalArgumentException("a second text needs a first");
        }
    }

    public static PredictionInput text(String text) {
        return new PredictionInput(text, null, null);
    }

    public static PredictionInput pair(String text, String text2) {
        return new PredictionInput(text, text2, null);
    }

    public static PredictionInput image(Path file) {
        return new PredictionInput(null, null, file);
    }
}
