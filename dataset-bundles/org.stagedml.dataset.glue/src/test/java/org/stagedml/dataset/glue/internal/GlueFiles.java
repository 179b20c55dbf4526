package org.stagedml.dataset.glue.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generates GLUE files in the published layouts: each task's zip (a folder named after the task,
 * QNLIv2.zip's folder QNLI; copies under original/ and __MACOSX/ as distractions), and MRPC's
 * SentEval files (BOM, CRLF) and dev ids. Row i of a split has the sentence "<split> <i> ..." with a
 * quote and a non-ASCII character, so conversions are checkable.
 */
final class GlueFiles {
    static final int TRAIN = 6;
    static final int DEV = 3;
    static final int TEST = 2;

    private GlueFiles() {
    }

    static String s(String split, int i, int which) {
        return split + " " + i + " sentence" + which + " \"quoted\" caf\u00e9";
    }

    /** The label of row i of a train/dev split: cycles through the task's labels (STS-B: i * 0.5). */
    static String label(GlueTask t, int i) {
        return t.regression() ? String.format("%.3f", i * 0.5) : t.labels().get(i % t.labels().size());
    }

    static byte[] zip(String task) throws IOException {
        GlueTask t = GlueTask.ALL.get(task);
        String folder = task.equals("QNLI") ? "QNLI" : task;
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> split : t.splits().entrySet()) {
            int n = split.getKey().equals("train") ? TRAIN : split.getKey().startsWith("dev") ? DEV : TEST;
            files.put(folder + "/" + split.getValue(), tsv(t, split.getKey(), n));
        }
        files.put(folder + "/original/" + t.splits().get("train"), "not\tthe\tfile\n");
        files.put("__MACOSX/" + folder + "/._" + t.splits().get("train"), "resource fork");
        return zip(folder, files);
    }

    /** A zip of UTF-8 text files (name -> content), after an entry for the folder {@code folder} if not null. */
    static byte[] zip(String folder, Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            if (folder != null) {
                z.putNextEntry(new ZipEntry(folder + "/"));
                z.closeEntry();
            }
            for (Map.Entry<String, String> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** One split's TSV in the task's real column layout. */
    static String tsv(GlueTask t, String split, int n) {
        boolean test = GlueTask.isTest(split);
        StringBuilder b = new StringBuilder();
        List<String> header = switch (t.name()) {
            case "CoLA" -> test ? List.of("index", "sentence") : null;
            case "SST-2" -> test ? List.of("index", "sentence") : List.of("sentence", "label");
            case "STS-B" -> cols(test, List.of("index", "genre", "filename", "year", "old_index", "source1", "source2",
                    "sentence1", "sentence2"), "score");
            case "QQP" -> test ? List.of("id", "question1", "question2")
                    : List.of("id", "qid1", "qid2", "question1", "question2", "is_duplicate");
            case "MNLI" -> test ? mnli(List.of()) : split.equals("train") ? mnli(List.of("label1", "gold_label"))
                    : mnli(List.of("label1", "label2", "label3", "label4", "label5", "gold_label"));
            case "QNLI" -> cols(test, List.of("index", "question", "sentence"), "label");
            default -> cols(test, List.of("index", "sentence1", "sentence2"), "label");
        };
        if (header != null) {
            b.append(String.join("\t", header)).append('\n');
        }
        for (int i = 0; i < n; i++) {
            String label = test ? null : label(t, i);
            List<String> row = switch (t.name()) {
                case "CoLA" -> test ? List.of("" + i, s(split, i, 1))
                        : List.of("gj04", label, label.equals("0") ? "*" : "", s(split, i, 1));
                case "SST-2" -> test ? List.of("" + i, s(split, i, 1)) : List.of(s(split, i, 1), label);
                case "STS-B" -> withLabel(List.of("" + i, "main-captions", "MSRvid", "2012test", "0001", "none", "none",
                        s(split, i, 1), s(split, i, 2)), label);
                case "QQP" -> test ? List.of("" + i, s(split, i, 1), s(split, i, 2))
                        : List.of("" + (1000 + i), "1", "2", s(split, i, 1), s(split, i, 2), label);
                case "MNLI" -> {
                    List<String> r = new java.util.ArrayList<>(List.of("" + i, "31193", "31193n", "government",
                            "( ( parse", "( parse )", "(ROOT (S", "(ROOT (S", s(split, i, 1), s(split, i, 2)));
                    if (!test) {
                        int extra = split.equals("train") ? 1 : 5;
                        for (int k = 0; k < extra; k++) {
                            r.add(label);
                        }
                        r.add(label);
                    }
                    yield r;
                }
                case "QNLI" -> withLabel(List.of("" + i, s(split, i, 1), s(split, i, 2)), label);
                default -> withLabel(List.of("" + i, s(split, i, 1), s(split, i, 2)), label);
            };
            b.append(String.join("\t", row)).append('\n');
        }
        return b.toString();
    }

    private static List<String> mnli(List<String> labels) {
        List<String> h = new java.util.ArrayList<>(List.of("index", "promptID", "pairID", "genre",
                "sentence1_binary_parse", "sentence2_binary_parse", "sentence1_parse", "sentence2_parse",
                "sentence1", "sentence2"));
        h.addAll(labels);
        return h;
    }

    private static List<String> cols(boolean test, List<String> base, String label) {
        return test ? base : withLabel(base, label);
    }

    private static List<String> withLabel(List<String> base, String label) {
        if (label == null) {
            return base;
        }
        List<String> l = new java.util.ArrayList<>(base);
        l.add(label);
        return l;
    }

    /** msr_paraphrase_train.txt / _test.txt as SentEval publishes them: BOM, CRLF, a header. */
    static String senteval(String prefix, int n) {
        StringBuilder b = new StringBuilder("\uFEFFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n");
        for (int i = 0; i < n; i++) {
            b.append(i % 3 == 0 ? "0" : "1").append('\t').append(100 + i).append('\t').append(200 + i).append('\t')
                    .append(s(prefix, i, 1)).append('\t').append(s(prefix, i, 2)).append("\r\n");
        }
        return b.toString();
    }

    /** mrpc_dev_ids.tsv: the id pairs of train rows 1 and 4 (and one pair that is in no file). */
    static String devIds() {
        return "101\t201\r\n104\t204\r\n999\t998\r\n";
    }
}
