package org.stagedml.dataset.wiki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Markup removal on hand-made wikitext, one case of WikiExtractor's at a time. */
class WikiMarkupTest {
    private static String text(String wikitext) {
        return String.join("\n", WikiMarkup.paragraphs(wikitext));
    }

    @Test
    void templatesAreDroppedNestedOnesWhole() {
        assertEquals("Paris is the capital of France.",
                text("{{Infobox city|name=Paris|population={{formatnum:2161000}}|note={{efn|{{lang|fr|Ville}}}}}}"
                        + "Paris is the capital{{citation needed|date={{CURRENTYEAR}}}} of France."));
        // a stray open brace loses no text, a closed template inside it is still removed
        assertEquals("A {{ broken {{ and text.", text("A {{ broken {{x|y}}{{ and text."));
    }

    @Test
    void internalLinksBecomeTheirLabel() {
        assertEquals("The city lies on the Seine river, near many buses.",
                text("The [[City of Paris|city]] lies on the [[Seine]] river, near many [[bus]]es."));
        assertEquals("See Moscow and Category:Cities here.",
                text("See [[Moscow (city)|]] and [[:Category:Cities]] here."));
        assertEquals("Section links keep their text.", text("[[#History|Section links]] keep their text."));
    }

    @Test
    void filesImagesCategoriesAndLanguageLinksAreDroppedCaptionsWithLinksToo() {
        assertEquals("Text before. Text after.",
                text("Text before. [[File:Eiffel.jpg|thumb|200px|The [[Eiffel Tower]] at [[night|dusk]]]]Text after."
                        + "[[Category:Cities in France]][[Image:x.png]][[de:Paris]][[Категория:Города]][[Файл:a.jpg|мини|Подпись]]"));
    }

    @Test
    void aCaptionWithAnExternalLinkGoesWithItsFile() {
        assertEquals("Before. After.", text("Before. [[File:x.png|thumb|A [http://a.org site] and [[a link]]]]After."));
    }

    @Test
    void externalLinksBecomeTheirLabelOrNothing() {
        assertEquals("Read the official site or this.",
                text("Read [https://example.org/a?b=c the official site] or [http://example.org]this."));
        assertEquals("Protocol-relative link.", text("[//example.org/x Protocol-relative] link."));
    }

    @Test
    void tablesAreDroppedNestedOnesWhole() {
        assertEquals("Before the table.\nAfter the table.", text("Before the table.\n{| class=\"wikitable\"\n|-\n! Year !! Value\n|-\n"
                + "| 1990 || {{n|5}}\n|-\n|\n{| \n| inner |}\n|}\nAfter the table."));
    }

    @Test
    void referencesAreDroppedBothForms() {
        assertEquals("Water boils at 100 degrees.",
                text("Water boils at 100 degrees.<ref name=\"boil\">{{cite book|title=Heat|page=3}} Some [[note]].</ref>"
                        + "<ref name=\"again\" /><REF>upper</REF>"));
        assertEquals("End.", text("End.\n== References ==\n<references />\n<references>\n<ref name=a>x</ref>\n</references>"));
    }

    @Test
    void otherTagsAndCommentsKeepTheirTextOrGo() {
        assertEquals("Bold span text and a line break here.",
                text("<b>Bold</b> <span style=\"x\">span</span> text<!-- a hidden\nremark --> and a line<br/>break here."));
        assertEquals("The formula is simple.", text("The formula <math>e^{i\\pi}+1=0</math>is simple."));
    }

    @Test
    void quotesHeadingsListsAndSwitchesAreDropped() {
        assertEquals("Paris is a city.\nIt is old.",
                text("__NOTOC__\n'''Paris''' is a ''city''.\n== History ==\n=== Early ===\nIt is '''''old'''''.\n"
                        + "* a list item\n# numbered\n: indented\n; term"));
    }

    @Test
    void entitiesAreDecodedLast() {
        assertEquals("A\u00a0B \u2014 5 < 6 & <ref>x</ref> stays \u00e9t\u00e9.".replace('\u00a0', ' '),
                text("A&nbsp;B &mdash; 5 &lt; 6 &amp; &lt;ref&gt;x&lt;/ref&gt; stays &eacute;t&#233;."));
        assertEquals("Unknown &foo; stays, A is A.", text("Unknown &foo; stays, &#x41; is A."));
    }

    @Test
    void leftoversOfRemovedMarkupAreTidied() {
        assertEquals("Lenin (born 1870) led.", text("Lenin ({{lang-ru|Ленин}}; born 1870) led."));
        assertEquals("Marx was a philosopher.", text("Marx ({{IPA|maːɐ̯ks}}) was a philosopher{{sfn|Wheen|2000}}."));
    }

    @Test
    void paragraphsStayApart() {
        assertEquals(List.of("First paragraph.", "Second one."), WikiMarkup.paragraphs("First paragraph.\n\nSecond one.\n"));
    }
}
