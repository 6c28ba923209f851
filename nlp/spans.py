"""Where the ruler keeps each rule family's spans, and the two ways the judges read them."""

from __future__ import annotations

from spacy.tokens import Doc, Span

LEXICON, MEASURES, TIMES = "iep_lexicon", "iep_measure", "iep_time"
VERB_LABELS = frozenset({"OBSERVABLE", "VAGUE", "LIGHT", "HEDGE", "PROVISION"})


def spans_by_start(doc: Doc, key: str) -> dict[int, Span]:
    """A ruler's spans, indexed by their first token."""
    return {span.start: span for span in doc.spans[key]}


def covered(doc: Doc, key: str) -> set[int]:
    """Every token index inside a ruler's spans."""
    return {i for span in doc.spans[key] for i in range(span.start, span.end)}
