package org.stagedml.dataset.glue.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the GLUE files come from (shared/reference/catalog.tsv, sha256 as published by TensorFlow
 * Datasets): one zip per task, and for MRPC the SentEval train and test files and GLUE's dev ids.
 * SNLI is Stanford's snli_1.0.zip, its sha256 (and size, 94,550,081 bytes) as TensorFlow Datasets
 * publishes them in url_checksums/snli.txt.
 *
 * @param zips task name -> its zip
 * @param mrpc dependency field (mrpc_train, mrpc_test, mrpc_dev_ids) -> file
 */
public record GlueSources(Map<String, SourceFile> zips, Map<String, SourceFile> mrpc) {
    public static final String MRPC_TRAIN = "mrpc_train";
    public static final String MRPC_TEST = "mrpc_test";
    public static final String MRPC_DEV_IDS = "mrpc_dev_ids";
    private static final String FIREBASE = "https://firebasestorage.googleapis.com/v0/b/mtl-sentence-representations"
            + ".appspot.com/o/data%2F";

    public static GlueSources official() {
        Map<String, SourceFile> zips = new LinkedHashMap<>();
        zips.put("CoLA", zip("CoLA.zip?alt=media&token=46d5e637-3411-4188-bc44-5809b5bfb5f4",
                "f212fcd832b8f7b435fb991f101abf89f96b933ab400603bf198960dfc32cbff"));
        zips.put("SST-2", zip("SST-2.zip?alt=media&token=aabc5f6b-e466-44a2-b9b4-cf6337f84ac8",
                "d67e16fb55739c1b32cdce9877596db1c127dc322d93c082281f64057c16deaa"));
        zips.put("QQP", zip("QQP.zip?alt=media&token=700c6acf-160d-4d89-81d1-de4191d02cb5",
                "67cb8f5fe66c90a0bc1bf5792e3924f63008b064ab7a473736c919d20bb140ad"));
        zips.put("STS-B", zip("STS-B.zip?alt=media&token=bddb94a7-8706-4e0d-a694-1109e12273b5",
                "e60a6393de5a8b5b9bac5020a1554b54e3691f9d600b775bd131e613ac179c85"));
        zips.put("MNLI", zip("MNLI.zip?alt=media&token=50329ea1-e339-40e2-809c-10c40afff3ce",
                "e7c1d896d26ed6caf700110645df426cc2d8ebf02a5ab743d5a5c68ac1c83633"));
        zips.put("QNLI", zip("QNLIv2.zip?alt=media&token=6fdcf570-0fc5-4631-8456-9505272d1601",
                "e634e78627a29adaecd4f955359b22bf5e70f2cbd93b493f2d624138a0c0e5f5"));
        zips.put("RTE", zip("RTE.zip?alt=media&token=5efa7e85-a0bb-4f19-8ea2-9e1840f077fb",
                "6bf86de103ecd335f3441bd43574d23fef87ecc695977a63b82d5efb206556ee"));
        zips.put("WNLI", zip("WNLI.zip?alt=media&token=068ad0a0-ded7-4bd7-99a5-5e00222e0faf",
                "ae0e8e4d16f4d46d4a0a566ec7ecceccfd3fbfaa4a7a4b4e02848c0f2561ac46"));
        zips.put("SNLI", new SourceFile("https://nlp.stanford.edu/projects/snli/snli_1.0.zip", "sha256",
                "afb3d70a5af5d8de0d9d81e2637e0fb8c22d1235c2749d83125ca43dab0dbd3e"));
        Map<String, SourceFile> mrpc = new LinkedHashMap<>();
        mrpc.put(MRPC_TRAIN, new SourceFile("https://dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_train.txt",
                "sha256", "60a9b09084528f0673eedee2b69cb941920f0b8cd0eeccefc464a98768457f89"));
        mrpc.put(MRPC_TEST, new SourceFile("https://dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_test.txt",
                "sha256", "a04e271090879aaba6423d65b94950c089298587d9c084bf9cd7439bd785f784"));
        mrpc.put(MRPC_DEV_IDS, zip("mrpc_dev_ids.tsv?alt=media&token=ec5c0836-31d5-48f4-b431-7480817f1adc",
                "971d7767d81b997fd9060ade0ec23c4fc31cbb226a55d1bd4a1bac474eb81dc7"));
        return new GlueSources(zips, mrpc);
    }

    private static SourceFile zip(String rest, String sha256) {
        return new SourceFile(FIREBASE + rest, "sha256", sha256);
    }
}
