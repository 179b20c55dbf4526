package org.stagedml.dataset.bert.internal;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.stagedml.api.StagedmlException;
import org.stagedml.dataset.bert.BertLayout;

/**
 * Finds a BERT checkpoint inside an unpacked archive (Google's zips hold the files at the top or in
 * one folder named after the model) and puts its files into the normalized layout.
 */
final class CheckpointLayout {
    /** The files taken from the archive (model.json is written, not taken). */
    static final List<String> TAKEN = List.of(BertLayout.CONFIG, BertLayout.VOCAB, BertLayout.CHECKPOINT_INDEX,
            BertLayout.CHECKPOINT_DATA);

    private CheckpointLayout() {
    }

    /** The folder holding bert_config.json, at most three levels down; exactly one must exist. */
    static Path find(Path root) throws IOException {
        List<Path> found;
        try (Stream<Path> s = Files.find(root, 4, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().equals(BertLayout.CONFIG))) {
            found = s.map(Path::getParent).sorted().toList();
        }
        if (found.isEmpty()) {
            throw new StagedmlException("the BERT archive holds no " + BertLayout.CONFIG
                    + "; check the url (it must be a zip of Google's checkpoint layout)");
        }
        if (found.size() > 1) {
            throw new StagedmlException("the BERT archive holds several checkpoints " + found
                    + "; give an archive with one");
        }
        Path dir = found.get(0);
        for (String f : TAKEN) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new StagedmlException("the BERT archive has no " + f + " beside " + BertLayout.CONFIG
                        + " (in " + root.relativize(dir) + "/); a checkpoint needs " + TAKEN);
            }
        }
        return dir;
    }

    /**
     * Puts the files of {@code dir} into {@code out}: hard links where the filesystem allows (the
     * files are read-only in the store and large), copies otherwise.
     */
    static void take(Path dir, Path out) throws IOException {
        for (String f : TAKEN) {
            Path target = out.resolve(f);
            try {
                Files.createLink(target, dir.resolve(f));
            } catch (FileSystemException | UnsupportedOperationException e) {
                Files.deleteIfExists(target);
                Files.copy(dir.resolve(f), target);
            }
        }
    }
}
