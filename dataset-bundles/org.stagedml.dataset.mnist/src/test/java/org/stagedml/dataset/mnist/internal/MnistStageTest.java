package org.stagedml.dataset.mnist.internal;

import org.stagedml.testing.FolderBuildContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stagedml.api.ConfigException;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.Dependency;

/** The mnist build called directly, its dependencies' folders made by hand. */
class MnistStageTest {
    @TempDir
    Path tmp;

    private MnistSources sources(Path debianDir) {
        MnistSources o = MnistSources.official();
        return new MnistSources(o.digitsNpz(), o.fashionUrls(), debianDir, o.fashionDebian());
    }

    /** One fetch realization folder per part, holding the gzipped IDX file. */
    private FolderBuildContext fashionBuild(MnistStage stage, Map<String, byte[]> idx, Path out) throws IOException {
        FolderBuildContext b = new FolderBuildContext(stage, Map.of("variant", "fashion", "source", "url"), out);
        for (Map.Entry<String, String> part : MnistSources.PARTS.entrySet()) {
            Path dep = Files.createDirectories(tmp.resolve("dep-" + part.getKey()));
            Files.write(dep.resolve(part.getValue() + ".gz"), MnistFiles.gzip(idx.get(part.getValue())));
            Files.writeString(dep.resolve("context.json"), "{}");
            b.dependencyPaths.put(part.getKey(), dep);
        }
        return b;
    }

    @Test
    void fashionFromGzippedIdxGivesTheUncompressedFilesAndDatasetJson() throws Exception {
        MnistFiles f = new MnistFiles(20, 5, 1);
        MnistStage stage = new MnistStage(sources(tmp.resolve("no-debian")));
        Path out = Files.createDirectories(tmp.resolve("out"));
        stage.build(fashionBuild(stage, f.idx(), out));
        for (Map.Entry<String, byte[]> e : f.idx().entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(out.resolve(e.getKey())), e.getKey());
        }
        JsonNode ds = Json.mapper().readTree(out.resolve("dataset.json").toFile());
        assertEquals("fashion", ds.get("variant").asText());
        assertEquals(20, ds.get("train").asInt());
        assertEquals(5, ds.get("test").asInt());
        assertEquals(10, ds.get("classes").size());
        assertEquals("T-shirt/top", ds.get("classes").get(0).asText());
        assertEquals("Ankle boot", ds.get("classes").get(9).asText());
    }

    @Test
    void aFileThatIsNotIdxIsAClearError() throws Exception {
        MnistFiles f = new MnistFiles(4, 2, 2);
        Map<String, byte[]> idx = new java.util.HashMap<>(f.idx());
        idx.put("train-labels-idx1-ubyte", "<html>not found</html>".getBytes());
        MnistStage stage = new MnistStage(sources(tmp.resolve("no-debian")));
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> stage.build(fashionBuild(stage, idx, Files.createDirectories(tmp.resolve("out")))));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz is not a valid IDX file")
                && e.getMessage().contains("magic number"), e.getMessage());
    }

    @Test
    void truncatedOrMismatchedPartsAreErrors() throws Exception {
        MnistFiles f = new MnistFiles(4, 2, 3);
        Map<String, byte[]> idx = new java.util.HashMap<>(f.idx());
        byte[] images = idx.get("t10k-images-idx3-ubyte");
        idx.put("t10k-images-idx3-ubyte", java.util.Arrays.copyOf(images, images.length - 10));
        MnistStage stage = new MnistStage(sources(tmp.resolve("no-debian")));
        StagedmlException e = assertThrows(StagedmlException.class,
                () -> stage.build(fashionBuild(stage, idx, Files.createDirectories(tmp.resolve("out")))));
        assertTrue(e.getMessage().contains("announces"), e.getMessage());

        Map<String, byte[]> mismatched = new java.util.HashMap<>(f.idx());
        mismatched.put("train-labels-idx1-ubyte", MnistFiles.idxLabels(new byte[3]));
        e = assertThrows(StagedmlException.class,
                () -> stage.build(fashionBuild(stage, mismatched, Files.createDirectories(tmp.resolve("out2")))));
        assertTrue(e.getMessage().contains("do not match"), e.getMessage());
    }

    @Test
    void digitsFromKerasNpzWithByteOrWideLabels() throws Exception {
        for (boolean wide : List.of(false, true)) {
            MnistFiles f = new MnistFiles(12, 3, 4);
            MnistStage stage = new MnistStage(sources(tmp.resolve("no-debian")));
            Path out = Files.createDirectories(tmp.resolve("out-" + wide));
            FolderBuildContext b = new FolderBuildContext(stage, Map.of("variant", "digits"), out);
            Path dep = Files.createDirectories(tmp.resolve("npz-" + wide));
            Files.write(dep.resolve("mnist.npz"), f.npz(wide));
            b.dependencyPaths.put("npz", dep);
            stage.build(b);
            for (Map.Entry<String, byte[]> e : f.idx().entrySet()) {
                assertArrayEquals(e.getValue(), Files.readAllBytes(out.resolve(e.getKey())), e.getKey());
            }
            JsonNode ds = Json.mapper().readTree(out.resolve("dataset.json").toFile());
            assertEquals("digits", ds.get("variant").asText());
            assertEquals(12, ds.get("train").asInt());
            assertEquals("0", ds.get("classes").get(0).asText());
        }
    }

    @Test
    void dependenciesFollowVariantAndSource() throws IOException {
        Path debian = Files.createDirectories(tmp.resolve("debian"));
        MnistStage withDebian = new MnistStage(sources(debian));
        MnistStage without = new MnistStage(sources(tmp.resolve("absent")));

        Map<String, Dependency> auto = withDebian.dependencies(withDebian.schema().apply("mnist", Map.of()));
        assertEquals(List.of("t10k_images", "t10k_labels", "train_images", "train_labels"), List.copyOf(auto.keySet()));
        assertEquals("fetchlocal", auto.get("train_images").stage());
        assertEquals("b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
                auto.get("train_images").overrides().get("sha256"));

        Map<String, Dependency> url = withDebian.dependencies(withDebian.schema().apply("mnist", Map.of("source", "url")));
        assertEquals("fetchurl", url.get("train_images").stage());
        assertEquals("8d4fb7e6c68d591d4c3dfef9ec88bf0d", url.get("train_images").overrides().get("md5"));
        assertEquals("fetchurl", without.dependencies(without.schema().apply("mnist", Map.of())).get("t10k_labels").stage());

        ConfigException e = assertThrows(ConfigException.class,
                () -> without.dependencies(without.schema().apply("mnist", Map.of("source", "debian"))));
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
        assertThrows(ConfigException.class, () -> withDebian.dependencies(withDebian.schema().apply("mnist",
                Map.of("variant", "digits", "source", "debian"))));

        Map<String, Dependency> digits = without.dependencies(without.schema().apply("mnist", Map.of("variant", "digits")));
        assertEquals(Map.of("url", "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz",
                "sha256", "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"),
                digits.get("npz").overrides());
    }
}
