package org.stagedml.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.jline.builtins.Completers.CompletionData;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;

/**
 * {@link Completion} in the Gogo JLine console. The console completes a command's arguments from
 * the {@code CompletionData} in its session's {@code .completions} (what the profile's
 * {@code complete} commands fill); {@link #install} adds ours: each command's description, its
 * options (from the {@code @Parameter}s, so they are written once) and {@link #FUNCTION} for its
 * words, which the console evaluates with the line in {@code .commandLine}. The only class that
 * touches JLine, whose packages the bundle imports optionally.
 */
final class JLineCompletion {
    /** The Gogo function the console calls for the candidates of a word ({@link CompletionCommand}). */
    static final String FUNCTION = "stage:__complete";
    /** The session variable of the console's completion data (Gogo JLine's {@code Shell.getCompletions}). */
    static final String COMPLETIONS = ".completions";

    private JLineCompletion() {
    }

    /** Adds the completion data of our commands to the session's, when it is a console session. */
    @SuppressWarnings("unchecked")
    static boolean install(CommandSession session) {
        if (!(session.get(COMPLETIONS) instanceof Map<?, ?> map)) {
            return false; // not a console: nothing completes there
        }
        Map<String, List<CompletionData>> completions = (Map<String, List<CompletionData>>) map;
        for (Completion.Spec s : Completion.SPECS) {
            List<CompletionData> data = new ArrayList<>();
            data.add(new CompletionData(null, s.doc(), null, null));
            s.parameters().forEach((p, doc) -> data.add(new CompletionData(List.of(p.names()), doc, null, null)));
            if (!s.args().isEmpty()) {
                data.add(new CompletionData(null, null, FUNCTION, null));
            }
            completions.put(s.name(), data);
        }
        return true;
    }

    /** The candidates for the word under the cursor of the session's {@code .commandLine}. */
    static List<Candidate> candidates(Completion completion, CommandSession session) {
        if (!(session.get(".commandLine") instanceof ParsedLine line)) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        for (Completion.Suggestion s : completion.suggest(line.words(), line.wordIndex())) {
            out.add(new Candidate(s.value(), s.value(), null, s.description(), null, null, s.complete()));
        }
        return out;
    }
}
