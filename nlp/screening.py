"""Spots input that can't be judged as one target, so the teacher gets a clear answer, not a wrong verdict."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from nlp.components import ENGLISH_RATIO
from nlp.report import Verdict

MAX_CHARACTERS = 1000
_MIN_ENGLISH_RATIO = 0.5
_INTENTION = re.compile(r"\b(will|to)\s+\w", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(\d+[.)]|[-•*])\s+", re.MULTILINE)
# Sentences matter only to tell several targets apart, so they are split only for a text with two intentions
# (spaCy's rule-based sentencizer, as a pipeline component would run it, but not on every target).
_SENTENCES = Sentencizer()

MESSAGES = {
    Verdict.EMPTY: 'There\'s nothing to check yet: type a target, e.g. "Sam will read 20 CVC words by Easter."',
    Verdict.TOO_LONG: (
        f"That's too long to be one target (over {MAX_CHARACTERS} characters). A target is one sentence, "
        "usually under 40 words: send one at a time."
    ),
    Verdict.NO_WORDS: "I couldn't find any words to check. Type the target as a sentence.",
    Verdict.NOT_ENGLISH: "I can only check targets written in English.",
    Verdict.SEVERAL_TARGETS: "This looks like several targets. Send them one at a time so each gets its own check.",
}


def screen_text(text: str) -> Verdict | None:
    """A verdict for input that must not reach the pipeline (empty or very long), else None."""
    if not text.strip():
        return Verdict.EMPTY
    if len(text) > MAX_CHARACTERS:
        return Verdict.TOO_LONG
    return None


def screen_doc(doc: Doc) -> Verdict | None:
    """A verdict for parsed input that isn't one English target, else None."""
    if not any(token.is_alpha for token in doc):
        return Verdict.NO_WORDS
    ratio = doc._.get(ENGLISH_RATIO)
    if ratio is not None and ratio < _MIN_ENGLISH_RATIO:
        return Verdict.NOT_ENGLISH
    text = doc.text
    # two sentences with an intention have two matches in the whole text: count sentences only then
    several = len(_INTENTION.findall(text)) >= 2 and sum(1 for s in _sentences(doc) if _opens_target(s)) >= 2
    if several or len(_LIST_ITEM.findall(text)) >= 2:
        return Verdict.SEVERAL_TARGETS
    return None


def _opens_target(sentence: Span) -> bool:
    """A sentence with an intention that starts afresh: one starting in lower case carries on the one before
    (the sentencizer splits after "etc.)" or "e.g.")."""
    first = next((token.text for token in sentence if token.is_alpha), "")
    return bool(_INTENTION.search(sentence.text)) and (sentence.start == 0 or not first[:1].islower())


def _sentences(doc: Doc) -> Iterator[Span]:
    """The doc's sentences, split by the sentencizer unless the doc already has boundaries."""
    return (doc if doc.has_annotation("SENT_START") else _SENTENCES(doc)).sents
