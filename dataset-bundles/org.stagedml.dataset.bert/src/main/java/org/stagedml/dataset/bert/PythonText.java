package org.stagedml.dataset.bert;

import java.util.ArrayList;
import java.util.List;

/** The two Python string operations BERT's tokenizer leans on, with Python's notion of whitespace. */
final class PythonText {
    private PythonText() {
    }

    /** {@code text.strip()}. */
    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end) {
            int cp = text.codePointAt(start);
            if (!CharClasses.isPythonSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = text.codePointBefore(end);
            if (!CharClasses.isPythonSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return text.substring(start, end);
    }

    /** {@code text.split()}: the runs of non-whitespace, in order; none for blank text. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (CharClasses.isPythonSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n) {
                cp = text.codePointAt(i);
                if (CharClasses.isPythonSpace(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
            out.add(text.substring(start, i));
        }
        return out;
    }
}
