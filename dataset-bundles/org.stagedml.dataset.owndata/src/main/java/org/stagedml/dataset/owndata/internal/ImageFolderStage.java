package org.stagedml.dataset.owndata.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.stagedml.api.Config;
import org.stagedml.api.ConfigException;
import org.stagedml.api.ConfigSchema;
import org.stagedml.api.FieldSpec;
import org.stagedml.api.FieldType;
import org.stagedml.api.Json;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Dependency;
import org.stagedml.api.stage.Stage;
import org.stagedml.api.stage.StageProperties;

/**
 * {@code image-folder path=<folder>}: the user's labelled images, one subfolder per class of PNG or
 * JPEG files (or an archive of such a folder by URL with {@code path_sha256}), resized to
 * {@code size} x {@code size} with 1 or 3 channels and split by a seeded hash of each file's
 * relative path, written in the {@code mnist} stage's layout ({@link DataLayouts#IDX_IMAGES}):
 * train, dev and t10k (test) IDX files plus dataset.json.
 */
@Component(service = Stage.class)
@StageProperties(name = ImageFolderStage.NAME, version = 1,
        description = "your labelled images (a folder of class subfolders of PNG/JPEG) as IDX files the ConvNet reads")
public class ImageFolderStage implements Stage {
    public static final String NAME = "image-folder";
    private static final ConfigSchema SCHEMA = SeededSplit.schema("train,dev,test fractions",
            FieldSpec.required("path", FieldType.PATH, "a local folder of class subfolders, or an archive URL with path_sha256"),
            FieldSpec.string("path_sha256", "", "the published sha256 of an archive URL (computed for a local folder)"),
            FieldSpec.integer("size", 28, "side of the square images after resizing, in pixels"),
            FieldSpec.integer("channels", 1, "1 (grey) or 3 (RGB)"));

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public List<String> provides() {
        return List.of(DataLayouts.IDX_IMAGES);
    }

    @Override
    public Map<String, Dependency> dependencies(Config c) {
        check(c);
        Map<String, Dependency> deps = Sources.dependencies(NAME, c, List.of("path"));
        Dependency fetch = deps.get(Sources.fetchField("path"));
        if (fetch != null) { // an archive: unpacked by fetchurl
            Map<String, Object> o = new LinkedHashMap<>(fetch.overrides());
            o.put("unpack", true);
            deps.put(Sources.fetchField("path"), Dependency.on(fetch.stage(), o));
        }
        return deps;
    }

    private static SeededSplit check(Config c) {
        long size = c.getLong("size");
        if (size < 4 || size > 1024) {
            throw new ConfigException("stage '" + NAME + "': size must be from 4 to 1024 pixels, got " + size);
        }
        long ch = c.getLong("channels");
        if (ch != 1 && ch != 3) {
            throw new ConfigException("stage '" + NAME + "': channels must be 1 or 3, got " + ch);
        }
        return SeededSplit.parse(NAME, c.getString("split"), c.getLong("seed"));
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "dev-images-idx3-ubyte",
                "dev-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "dataset.json");
    }

    @Override
    public void build(BuildContext b) throws Exception {
        Config c = b.config();
        SeededSplit split = check(c);
        int size = c.getInt("size");
        int channels = c.getInt("channels");
        Path root = Sources.resolve(b, "path");
        if (!java.nio.file.Files.isDirectory(root)) {
            throw new StagedmlException(root + " is not a folder; give a folder with one subfolder per class");
        }
        List<Path> classes = ImageFiles.classFolders(root);
        List<String> names = new ArrayList<>();
        List<List<byte[]>> pixels = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<Integer>> labels = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        if (classes.size() > 256) {
            throw new StagedmlException(root + " holds " + classes.size() + " class folders; IDX labels hold at most 256");
        }
        int total = 0;
        for (Path cls : classes) {
            total += ImageFiles.images(cls).size();
        }
        int done = 0;
        for (int k = 0; k < classes.size(); k++) {
            Path cls = classes.get(k);
            names.add(cls.getFileName().toString());
            List<Path> images = ImageFiles.images(cls);
            if (images.isEmpty()) {
                throw new StagedmlException("class folder " + cls + " holds no PNG or JPEG images");
            }
            for (Path img : images) {
                b.checkCancelled();
                int s = split.of(root.relativize(img).toString().replace('\\', '/'));
                pixels.get(s).add(ImageFiles.pixels(img, size, channels));
                labels.get(s).add(k);
                if (++done % 500 == 0) {
                    b.progress((double) done / total, done + " of " + total + " images");
                }
            }
        }
        String[] prefixes = {"train", "dev", "t10k"};
        for (int i = 0; i < 3; i++) {
            if (pixels.get(i).isEmpty() && (i < 2 ? split.fraction(i) > 0 : split.fraction(2) > 0)) {
                throw new StagedmlException("the " + (i == 2 ? "test" : prefixes[i]) + " split of " + root + " is empty: "
                        + total + " images are too few for split " + c.getString("split") + "; add images or change split");
            }
            ImageFiles.writeIdx(b.out().resolve(prefixes[i] + "-images-idx3-ubyte"),
                    b.out().resolve(prefixes[i] + "-labels-idx1-ubyte"), pixels.get(i), labels.get(i), size, channels);
        }
        ObjectNode info = Json.mapper().createObjectNode();
        info.put("variant", NAME);
        info.put("train", pixels.get(0).size());
        info.put("dev", pixels.get(1).size());
        info.put("test", pixels.get(2).size());
        names.forEach(info.putArray("classes")::add);
        info.put("rows", size);
        info.put("cols", size);
        info.put("channels", channels);
        Json.mapper().writeValue(b.out().resolve("dataset.json").toFile(), info);
        b.log(String.format("image-folder %s: %d classes %s, %d train, %d dev, %d test images of %dx%dx%d", root,
                names.size(), names, pixels.get(0).size(), pixels.get(1).size(), pixels.get(2).size(), size, size, channels));
        b.progress(1, "done");
    }
}
