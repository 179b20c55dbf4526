package org.stagedml.dataset.glue.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates snli_1.0.zip as Stanford publishes it: a folder snli_1.0 with snli_1.0_{train,dev,test}
 * in both .jsonl (one object per line: annotator_labels, captionID, gold_label, pairID, sentence1 and
 * its parses, sentence2 and its parses) and .txt (the same as TSV), a README.txt, and __MACOSX
 * copies. Row i of a split has the label {@link #label}: every fourth row is '-' (no consensus).
 */
final class SnliFiles {
    static final Map<String, Integer> ROWS = Map.of("train", 12, "dev", 8, "test", 8);
    static final List<String> CYCLE = List.of("entailment", "neutral", "contradiction", "-");

    private SnliFiles() {
    }

    static String label(int i) {
        return CYCLE.get(i % CYCLE.size());
    }

    static String s(String split, int i, int which) {
        return "A " + split + " premise " + i + " sentence" + which + " with \"quotes\", a tab-free caf\u00e9.";
    }

    /** The examples of a split that keep a gold label. */
    static int kept(String split) {
        int n = ROWS.get(split);
        return n - n / 4; // rows 3, 7, 11 ... are '-'
    }

    static byte[] zip() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String split : List.of("dev", "test", "train")) {
            files.put("snli_1.0/snli_1.0_" + split + ".jsonl", jsonl(split));
            files.put("snli_1.0/snli_1.0_" + split + ".txt", txt(split));
        }
        files.put("snli_1.0/README.txt", "Stanford Natural Language Inference corpus\n");
        files.put("__MACOSX/snli_1.0/._snli_1.0_train.jsonl", "resource fork");
        return GlueFiles.zip("snli_1.0", files);
    }

    private static String jsonl(String split) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ROWS.get(split); i++) {
            String l = label(i);
            String annotators = l.equals("-") ? "[\"neutral\", \"entailment\", \"contradiction\"]" : "[\"" + l + "\"]";
            b.append("{\"annotator_labels\": ").append(annotators).append(", \"captionID\": \"3416050480.jpg#4\", ")
                    .append("\"gold_label\": \"").append(l).append("\", \"pairID\": \"3416050480.jpg#4r").append(i)
                    .append("n\", \"sentence1\": ").append(quote(s(split, i, 1)))
                    .append(", \"sentence1_binary_parse\": \"( ( A person ) ( on ( a horse ) ) )\", ")
                    .append("\"sentence1_parse\": \"(ROOT (S (NP (DT A) (NN person))))\", \"sentence2\": ")
                    .append(quote(s(split, i, 2))).append(", \"sentence2_binary_parse\": \"( ( A person ) )\", ")
                    .append("\"sentence2_parse\": \"(ROOT (NP (DT A) (NN person)))\"}\n");
        }
        return b.toString();
    }

    private static String txt(String split) {
        StringBuilder b = new StringBuilder("gold_label\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse"
                + "\tsentence2_parse\tsentence1\tsentence2\tcaptionID\tpairID\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5\n");
        for (int i = 0; i < ROWS.get(split); i++) {
            b.append(String.join("\t", label(i), "( A person )", "( A person )", "(ROOT (NP))", "(ROOT (NP))",
                    s(split, i, 1), s(split, i, 2), "3416050480.jpg#4", "3416050480.jpg#4r" + i + "n", label(i), "", "", "", ""))
                    .append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
