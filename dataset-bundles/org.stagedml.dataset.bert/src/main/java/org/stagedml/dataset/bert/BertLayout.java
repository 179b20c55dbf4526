package org.stagedml.dataset.bert;

import java.util.List;

/**
 * The files at the root of a BERT checkpoint realization, the same for {@code bert-checkpoint}
 * (Google's pretrained models) and {@code bert-random-init}, so a model stage can depend on either.
 */
public final class BertLayout {
    /**
     * The layout's name, as stages {@linkplain org.stagedml.api.stage.Stage#provides() provide} it and
     * STAGE fields accept it: a model's field {@code bert} takes any stage writing these files.
     */
    public static final String LAYOUT = "bert-checkpoint";
    /** The model's hyper-parameters, in Google's {@code bert_config.json} format. */
    public static final String CONFIG = "bert_config.json";
    /** The WordPiece vocabulary, one token per line. */
    public static final String VOCAB = "vocab.txt";
    /** The TensorFlow checkpoint prefix, as given to RestoreV2. */
    public static final String CHECKPOINT_PREFIX = "bert_model.ckpt";
    public static final String CHECKPOINT_INDEX = CHECKPOINT_PREFIX + ".index";
    public static final String CHECKPOINT_DATA = CHECKPOINT_PREFIX + ".data-00000-of-00001";
    /**
     * What the checkpoint is: {@code {"model": name, "do_lower_case": bool, ...}}; {@code do_lower_case}
     * is what {@link FullTokenizer} needs for this vocabulary.
     */
    public static final String MODEL_JSON = "model.json";

    /** Every file of the layout. */
    public static final List<String> FILES = List.of(CONFIG, VOCAB, CHECKPOINT_INDEX, CHECKPOINT_DATA, MODEL_JSON);

    private BertLayout() {
    }
}
