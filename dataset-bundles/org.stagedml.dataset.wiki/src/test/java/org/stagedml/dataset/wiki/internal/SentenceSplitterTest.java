package org.stagedml.dataset.wiki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sentence boundaries in English and Russian encyclopaedic text. */
class SentenceSplitterTest {
    private final SentenceSplitter en = new SentenceSplitter("en");
    private final SentenceSplitter ru = new SentenceSplitter("ru");

    @Test
    void endsAtTerminalPunctuationBeforeACapital() {
        assertEquals(List.of("It rained.", "Did it stop?", "No!", "\"Yes,\" he said.", "(Later.)", "2020 was dry..."),
                en.split("It rained. Did it stop? No! \"Yes,\" he said. (Later.) 2020 was dry..."));
        assertEquals(List.of("Pi is 3.14 and e is 2.72 in value."), en.split("Pi is 3.14 and e is 2.72 in value."));
        assertEquals(List.of("He stopped. and went on."), en.split("He stopped. and went on."));
    }

    @Test
    void englishAbbreviationsAndInitialsDoNotEnd() {
        assertEquals(List.of("Mr. Smith met Dr. Jones on St. Mark's Day, e.g. Jan. 5 at No. 10.", "Then he left."),
                en.split("Mr. Smith met Dr. Jones on St. Mark's Day, e.g. Jan. 5 at No. 10. Then he left."));
        assertEquals(List.of("J. R. R. Tolkien lived in the U.S. Army base, at 5 p.m.", "He wrote."),
                en.split("J. R. R. Tolkien lived in the U.S. Army base, at 5 p.m. He wrote."));
    }

    @Test
    void russianAbbreviationsInitialsAndYears() {
        assertEquals(List.of("А. С. Пушкин родился в г. Москве на ул. Немецкой, т. е. в центре.", "Он писал стихи."),
                ru.split("А. С. Пушкин родился в г. Москве на ул. Немецкой, т. е. в центре. Он писал стихи."));
        assertEquals(List.of("Война началась в 1812 г.", "Она шла полгода, см. гл. 3 и т.д.", "Конец."),
                ru.split("Война началась в 1812 г. Она шла полгода, см. гл. 3 и т.д. Конец."));
        assertEquals(List.of("Это было в XIX в.", "«Слово» — памятник."), ru.split("Это было в XIX в. «Слово» — памятник."));
    }
}
