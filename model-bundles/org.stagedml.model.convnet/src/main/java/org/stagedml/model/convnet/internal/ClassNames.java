package org.stagedml.model.convnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.Json;

/** The class names of an MNIST-like dataset: from its dataset.json, else the variant's well-known names. */
public final class ClassNames {
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    public static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private ClassNames() {
    }

    /** Reads {@code "classes"} of {@code dataset.json} in the folder; falls back to the variant's names. */
    public static List<String> of(Path folder, String variant) throws IOException {
        Path info = folder.resolve("dataset.json");
        if (Files.isRegularFile(info)) {
            JsonNode classes = Json.mapper().readTree(info.toFile()).path("classes");
            if (classes.isArray() && classes.size() > 0) {
                List<String> names = new ArrayList<>();
                classes.forEach(c -> names.add(c.asText()));
                return List.copyOf(names);
            }
        }
        return "fashion".equals(variant) ? FASHION : DIGITS;
    }
}
