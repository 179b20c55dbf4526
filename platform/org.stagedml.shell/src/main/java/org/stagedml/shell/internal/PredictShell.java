package org.stagedml.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stagedml.api.Json;
import org.stagedml.api.RRef;
import org.stagedml.api.StagedmlException;
import org.stagedml.api.predict.Prediction;
import org.stagedml.api.predict.PredictionInput;
import org.stagedml.api.predict.Predictor;
import org.stagedml.api.predict.Predictors;

/**
 * What {@code stage:predict <rref> <input>... [--input f.jsonl] [--output f.jsonl]} does: loads the
 * model once, reads the inputs (arguments: a text each, two per pair for pair models, an image file
 * each; or JSON lines with {@code text}/{@code sentence1}, {@code text2}/{@code sentence2} or
 * {@code image}) and prints one line per input, the label first, or writes JSON lines.
 */
final class PredictShell {
    private final Predictors predictors;

    PredictShell(Predictors predictors) {
        this.predictors = predictors;
    }

    void predict(PrintStream out, List<String> args) throws IOException {
        List<String> inputs = new ArrayList<>();
        Path inputFile = null;
        Path outputFile = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--input") || a.equals("--output")) && i + 1 < args.size()) {
                Path p = Path.of(args.get(++i));
                if (a.equals("--input")) {
                    inputFile = p;
                } else {
                    outputFile = p;
                }
            } else if (a.equals("--input") || a.equals("--output")) {
                throw new StagedmlException(a + " needs a file name");
            } else {
                inputs.add(a);
            }
        }
        if (inputs.isEmpty() || !inputs.get(0).startsWith(RRef.PREFIX)) {
            throw new StagedmlException("usage: stage:predict <rref> <input>... [--input f.jsonl] [--output f.jsonl]"
                    + " (the rref of a trained model: store:list shows them)");
        }
        RRef rref;
        try {
            rref = RRef.parse(inputs.remove(0));
        } catch (IllegalArgumentException e) {
            throw new StagedmlException(e.getMessage());
        }
        try (Predictor p = predictors.open(rref)) {
            List<PredictionInput> in = new ArrayList<>(fromArguments(p.inputKind(), inputs));
            if (inputFile != null) {
                in.addAll(fromJsonLines(p.inputKind(), inputFile));
            }
            if (in.isEmpty()) {
                throw new StagedmlException("nothing to predict: give inputs after the rref, or --input f.jsonl");
            }
            List<Prediction> results = p.predict(in);
            if (outputFile == null) {
                results.forEach(r -> out.println(r.line()));
            } else {
                write(outputFile, results);
                out.println(results.size() + " predictions written to " + outputFile);
            }
        }
    }

    static List<PredictionInput> fromArguments(Predictor.InputKind kind, List<String> args) {
        List<PredictionInput> in = new ArrayList<>();
        switch (kind) {
            case TEXT -> args.forEach(a -> in.add(PredictionInput.text(a)));
            case TEXT_PAIR -> {
                if (args.size() % 2 != 0) {
                    throw new StagedmlException("this model classifies pairs of texts: give two arguments per input, got "
                            + args.size());
                }
                for (int i = 0; i < args.size(); i += 2) {
                    in.add(PredictionInput.pair(args.get(i), args.get(i + 1)));
                }
            }
            case IMAGE -> args.forEach(a -> {
                Path f = Path.of(a);
                if (!Files.isRegularFile(f)) {
                    throw new StagedmlException("this model classifies images: no image file " + a);
                }
                in.add(PredictionInput.image(f));
            });
        }
        return in;
    }

    static List<PredictionInput> fromJsonLines(Predictor.InputKind kind, Path file) throws IOException {
        List<PredictionInput> in = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode o;
            try {
                o = Json.mapper().readTree(lines.get(i));
            } catch (IOException e) {
                throw new StagedmlException(file + " line " + (i + 1) + ": not a JSON object");
            }
            String where = file + " line " + (i + 1);
            if (kind == Predictor.InputKind.IMAGE) {
                in.add(PredictionInput.image(Path.of(need(o, where, "image"))));
            } else {
                String text = need(o, where, "text", "sentence1");
                in.add(kind == Predictor.InputKind.TEXT ? PredictionInput.text(text)
                        : PredictionInput.pair(text, need(o, where, "text2", "sentence2")));
            }
        }
        return in;
    }

    private static String need(JsonNode o, String where, String... keys) {
        for (String k : keys) {
            if (o.hasNonNull(k)) {
                return o.get(k).asText();
            }
        }
        throw new StagedmlException(where + ": no " + String.join(" or ", keys));
    }

    private static void write(Path file, List<Prediction> results) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Prediction r : results) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("label", r.label());
                ObjectNode probs = o.putObject("probabilities");
                for (int i = 0; i < r.labels().size(); i++) {
                    probs.put(r.labels().get(i), r.probabilities()[i]);
                }
                w.write(Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o));
                w.write('\n');
            }
        }
    }
}
