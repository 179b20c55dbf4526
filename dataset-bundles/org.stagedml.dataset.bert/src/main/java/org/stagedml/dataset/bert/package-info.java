/**
 * BERT inputs for Java: the WordPiece tokenizer ({@link org.stagedml.dataset.bert.FullTokenizer},
 * behaving exactly like BERT's reference {@code tokenization.FullTokenizer}), and TFRecord files of
 * {@code tf.train.Example} ({@link org.stagedml.dataset.bert.TfRecordWriter},
 * {@link org.stagedml.dataset.bert.TfRecordReader}) as written by {@code glue-features} and streamed
 * by model stages; {@link org.stagedml.dataset.bert.BertLayout} names the files of a checkpoint
 * realization ({@code bert-checkpoint}, {@code bert-random-init}) and {@link org.stagedml.dataset.bert.BertChoice}
 * the field {@code bert} by which a stage's config chooses which of them fills its checkpoint dependency.
 * SQuAD as run_squad.py prepares it: {@link org.stagedml.dataset.bert.SquadExample}, {@link org.stagedml.dataset.bert.SquadConverter}
 * (doc_stride windows), {@link org.stagedml.dataset.bert.SquadAnswers} (n-best spans mapped back to
 * the text) and {@link org.stagedml.dataset.bert.SquadEvaluation} (the official exact match and F1).
 * {@link org.stagedml.dataset.bert.PretrainingExample} is one record of {@code bert-pretrain-data}
 * (masked LM and next sentence, as create_pretraining_data.py writes it).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package org.stagedml.dataset.bert;
