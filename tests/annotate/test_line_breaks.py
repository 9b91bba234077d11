"""Sentence starts at line breaks (claimgraph_line_breaks_v1), before the parser."""

import pytest
import spacy

from claimgraph.annotate.line_breaks import LineBreakSentencizer


def _starts(text: str) -> list[str]:
    nlp = spacy.blank("en")
    doc = LineBreakSentencizer("line_breaks")(nlp(text))
    return [t.text for t in doc if t.is_sent_start and t.i > 0]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        # A headline without a full stop, then the body.
        ("Storm Hits Coastal Towns\nHeavy rain flooded roads on Monday.", ["Heavy"]),
        # A dateline paragraph and a caption line.
        ("Photo: a flooded street\nOfficials said 12 homes were lost.", ["Officials"]),
        # A blank line always ends a sentence, even in hard-wrapped text.
        ("First paragraph ends\n\nSecond begins here.", ["Second"]),
        # No line break: the parser alone decides.
        ("One sentence. Another one.", []),
        # Hard-wrapped prose: lines break inside sentences, so single breaks are not boundaries.
        (
            "The council voted on Tuesday to close\nthe old bridge after inspectors found\n"
            "cracks in two of its piers, and said\nrepairs would take a year.\n\nA new paragraph.",
            ["A"],
        ),
        # Hard-wrapped lines that break before names: long lines without closing punctuation.
        (
            "The inquiry into the collapse of the harbour wall was led by engineer Maria\n"
            "Lindqvist and by the port's former director, who had warned the city of Tromso\n"
            "Council about the cracks two years before the storm, and by the engineers of\n"
            "Nordic Marine Survey, who had inspected the wall for the city in the spring.\n\nNext.",
            ["Next"],
        ),
        # A long headline without a full stop, then paragraphs that end in full stops: not wrapped.
        (
            "Harbour Wall Collapses After Years of Warnings From Engineers and Residents\n"
            "The wall fell on Sunday.\nNobody was hurt.\nRepairs start in May.",
            ["The", "Nobody", "Repairs"],
        ),
        # Two lower-case continuations are too few to call the text hard-wrapped.
        ("Headline Here\nthe body goes on\nand on.", ["the", "and"]),
    ],
)
def test_sentence_starts_at_line_breaks(text, starts):
    assert _starts(text) == starts


def test_headline_is_its_own_sentence_in_the_pipeline(nlp):
    doc = nlp("Ferry Service Resumes After Storm\nThe ferry sailed again on Friday, the operator said.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Ferry Service Resumes After Storm"
    names = nlp.pipe_names
    assert "line_breaks" in names and names.index("line_breaks") < names.index("parser")


@pytest.mark.parametrize("text", ["", "\n\n\n", "word\n", "\nword"])
def test_degenerate_texts_do_not_fail(text):
    nlp = spacy.blank("en")
    doc = LineBreakSentencizer("line_breaks")(nlp(text))
    assert len(doc) == len(nlp(text))


@pytest.mark.parametrize("title", ["Sens.", "Sgt.", "Capt.", "Supt."])
def test_title_abbreviation_does_not_end_a_sentence(nlp, title):
    doc = nlp(f"The figures led {title} Jon Tester and David Vitter to raise the prospect of a split.")
    assert len(list(doc.sents)) == 1
