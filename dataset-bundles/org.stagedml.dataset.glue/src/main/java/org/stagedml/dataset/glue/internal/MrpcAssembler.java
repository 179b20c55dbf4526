package org.stagedml.dataset.glue.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.stagedml.api.StagedmlException;

/**
 * MRPC as GLUE's download_glue_data.py assembles it from SentEval's msr_paraphrase_train.txt and
 * msr_paraphrase_test.txt (columns Quality, #1 ID, #2 ID, #1 String, #2 String; a header line) and
 * GLUE's mrpc_dev_ids.tsv (#1 ID, #2 ID per line): train rows whose id pair is a dev id go to dev,
 * the others to train, in file order; test rows lose their label and are numbered from 0. Every
 * line is stripped of surrounding whitespace and must have five fields, as the script requires.
 */
final class MrpcAssembler {
    private MrpcAssembler() {
    }

    /** Writes train.jsonl, dev.jsonl and test.jsonl into {@code out}; returns the counts by split. */
    static Map<String, Long> assemble(Path trainFile, Path testFile, Path devIdsFile, Path out) throws IOException {
        Set<String> devIds = new HashSet<>();
        try (Tsv tsv = new Tsv(Files.newInputStream(devIdsFile))) {
            String line;
            while ((line = tsv.line()) != null) {
                String[] f = Tsv.fields(Tsv.pythonStrip(line));
                if (f.length == 2) {
                    devIds.add(f[0] + "\t" + f[1]);
                }
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Tsv tsv = new Tsv(Files.newInputStream(trainFile));
                JsonlWriter train = new JsonlWriter(out.resolve("train.jsonl"));
                JsonlWriter dev = new JsonlWriter(out.resolve("dev.jsonl"))) {
            skipHeader(tsv, trainFile);
            String line;
            long row = 0;
            while ((line = tsv.line()) != null) {
                String[] f = five(line, trainFile, row++);
                JsonlWriter w = devIds.contains(f[1] + "\t" + f[2]) ? dev : train;
                w.write(w.count(), f[3], f[4], label(f[0], trainFile));
            }
            counts.put("train", train.count());
            counts.put("dev", dev.count());
        }
        if (counts.get("dev") == 0) {
            throw new StagedmlException("MRPC: no row of " + trainFile.getFileName() + " has an id pair of "
                    + devIdsFile.getFileName() + "; these are not the SentEval and GLUE files");
        }
        try (Tsv tsv = new Tsv(Files.newInputStream(testFile));
                JsonlWriter test = new JsonlWriter(out.resolve("test.jsonl"))) {
            skipHeader(tsv, testFile);
            String line;
            long row = 0;
            while ((line = tsv.line()) != null) {
                String[] f = five(line, testFile, row);
                test.write(row++, f[3], f[4], null);
            }
            counts.put("test", test.count());
        }
        return counts;
    }

    private static void skipHeader(Tsv tsv, Path file) throws IOException {
        String header = tsv.line();
        if (header == null || !header.startsWith("Quality")) {
            throw new StagedmlException("MRPC: " + file.getFileName() + " does not start with SentEval's header"
                    + " 'Quality<TAB>#1 ID<TAB>#2 ID<TAB>#1 String<TAB>#2 String'");
        }
    }

    private static String[] five(String line, Path file, long row) {
        String[] f = Tsv.fields(Tsv.pythonStrip(line));
        if (f.length != 5) {
            throw new StagedmlException("MRPC: row " + row + " of " + file.getFileName() + " has " + f.length
                    + " fields, expected 5 (Quality, #1 ID, #2 ID, #1 String, #2 String)");
        }
        return f;
    }

    private static String label(String quality, Path file) {
        if (!quality.equals("0") && !quality.equals("1")) {
            throw new StagedmlException("MRPC: " + file.getFileName() + " has Quality '" + quality + "', expected 0 or 1");
        }
        return quality;
    }
}
