package org.stagedml.dataset.translation.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.stagedml.api.Config;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.stage.BuildContext;
import org.stagedml.api.stage.DataLayouts;
import org.stagedml.api.stage.Stage;

/** What the stages of this bundle share: they provide parallel-jsonl and read fetchurl dependencies. */
abstract class ParallelCorpusStage implements Stage {
    static final List<String> SPLITS = List.of("train", "dev", "test");

    @Override
    public List<String> provides() {
        return List.of(DataLayouts.PARALLEL_JSONL);
    }

    @Override
    public List<String> promises(Config config) {
        return List.of("train.jsonl", "dev.jsonl", "test.jsonl", CorpusJson.FILE);
    }

    /** The one file a fetchurl dependency brought. */
    static Path fetchedFile(BuildContext b, String field) throws IOException {
        List<Path> files = b.dependencyFiles(field);
        if (files.size() != 1) {
            throw new StagedmlException("expected one fetched file in " + b.dependencyPath(field) + " (" + field
                    + "), found " + files);
        }
        return b.dependencyPath(field).resolve(files.get(0));
    }
}
