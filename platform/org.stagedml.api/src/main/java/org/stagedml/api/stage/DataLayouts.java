package org.stagedml.api.stage;

/**
 * Names of the data layouts stages provide ({@link Stage#provides()}) and STAGE fields accept, so
 * that a model reads any dataset stage writing the layout it knows.
 */
public final class DataLayouts {
    /**
     * Text classification in GLUE's normalized layout: {@code train.jsonl}, {@code dev.jsonl},
     * {@code test.jsonl} (lines of {@code {"id", "sentence1", "sentence2" (pairs), "label"}}) and
     * {@code task.json} ({@code task}, {@code type}, {@code labels}, {@code pair}, {@code counts}).
     */
    public static final String GLUE_JSONL = "glue-jsonl";
    /**
     * Labelled images as IDX files: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte} (idx3 for one channel; with
     * several channels the images file is idx4: count, rows, cols, channels) and {@code dataset.json}
     * ({@code classes}, {@code rows}, {@code cols}, {@code channels}, counts).
     */
    public static final String IDX_IMAGES = "idx-images";

    /**
     * Parallel text (translation pairs): {@code train.jsonl}, {@code dev.jsonl}, {@code test.jsonl}
     * (lines of {@code {"id", "source", "target"}}, UTF-8, one pair per line, in a fixed order) and
     * {@code corpus.json} ({@code corpus}, {@code source_language}, {@code target_language},
     * {@code counts}: split -> pairs).
     */
    public static final String PARALLEL_JSONL = "parallel-jsonl";
    /**
     * Plain text for language-model pre-training, as BERT's create_pretraining_data reads it: one
     * or more UTF-8 files {@code text/*.txt} (read in name order) with one sentence per line and a
     * blank line between documents, and {@code corpus.json} ({@code language}, {@code documents},
     * {@code sentences}, {@code files}).
     */
    public static final String TEXT_LINES = "text-lines";
    /**
     * A subword vocabulary: {@code vocab.subwords} (one subtoken per line in single quotes, as
     * tensor2tensor's SubwordTextEncoder stores it; line k is id k, ids 0 and 1 are
     * {@code <pad>} and {@code <EOS>}) and {@code vocab.json} ({@code size}, {@code reserved}).
     */
    public static final String SUBWORD_VOCAB = "subword-vocab";
    /**
     * BERT pre-training examples as google-research/bert's create_pretraining_data.py writes them:
     * {@code train.tfrecord} and {@code dev.tfrecord} (held-out documents) of tf.train.Example with
     * {@code input_ids}, {@code input_mask}, {@code segment_ids} (int64 x max_seq_length),
     * {@code masked_lm_positions}, {@code masked_lm_ids} (int64 x max_predictions_per_seq),
     * {@code masked_lm_weights} (float x max_predictions_per_seq) and {@code next_sentence_labels}
     * (int64 x 1; 0 when segment B follows A, 1 when it is random), plus {@code data.json}
     * ({@code max_seq_length}, {@code max_predictions_per_seq}, {@code vocab_size},
     * {@code counts}: split -> examples) and the {@code vocab.txt} the ids refer to.
     */
    public static final String BERT_PRETRAIN_RECORDS = "bert-pretrain-records";

    private DataLayouts() {
    }
}
