"""Finds the target's learning intention: who acts, the main action, and anything joined to it.

A blank pipeline has no parser, so the structure is read from the shape IEP targets share:
"<pupil> will <action> <what> <measure> <deadline>" (or "To <action> …"), using the lexicon spans the
rulers found. Good enough for one-sentence targets; a trained parser could refine it later.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

LEXICON, MEASURES, TIMES = "iep_lexicon", "iep_measure", "iep_time"

_MODALS = frozenset({"will", "'ll", "shall", "can", "should", "must", "would", "wo", "ca", "to"})
_AUXILIARY_RUNS = (
    ("be", "able", "to"),
    ("begin", "to"),
    ("start", "to"),
    ("continue", "to"),
    ("go", "on", "to"),
)
_RUNS_BY_FIRST_WORD = {run[0]: run for run in _AUXILIARY_RUNS}  # each run starts with its own word
_FILLERS = frozenset({"then", "also", "now", "always", "all", "both", "each", "further", "still", "regularly"})
_STATES = frozenset({"be", "have"})  # "will be calmer", "will have better behaviour": states, not actions
_CONJUNCTIONS = frozenset({"and", "&", "+"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "my", "this", "that", "its"})


class VerbKind(enum.StrEnum):
    """What kind of action the target asks of the pupil."""

    OBSERVABLE = "OBSERVABLE"
    UNLISTED = "UNLISTED"  # a verb we don't list: taken as an action, since vague verbs are a closed list
    VAGUE = "VAGUE"
    BE_STATE = "BE_STATE"  # "will be calmer": a state, not an action
    PROVISION = "PROVISION"
    MISSING = "MISSING"


@dataclass(frozen=True, slots=True)
class Intention:
    """The learning intention as found in the text."""

    kind: VerbKind
    verb: Span | None
    staff_subject: Span | None
    negation: Span | None
    second_skill: Span | None


def spans_by_start(doc: Doc, key: str) -> dict[int, Span]:
    """A ruler's spans, indexed by their first token."""
    return {span.start: span for span in doc.spans[key]}


def covered(doc: Doc, key: str) -> set[int]:
    """Every token index inside a ruler's spans."""
    return {i for span in doc.spans[key] for i in range(span.start, span.end)}


def find_intention(doc: Doc) -> Intention:
    """Read the intention from the first modal ("will", "to" …) or, failing that, the first listed verb."""
    lexicon = spans_by_start(doc, LEXICON)
    for anchor in (token for token in doc if token.lower_ in _MODALS):
        found = _intention_after(doc, anchor, lexicon)
        if found is not None:
            return found
    for start, span in sorted(lexicon.items()):
        if span.label_ in ("OBSERVABLE", "VAGUE", "PROVISION") and not _after_determiner(doc, start):
            return Intention(
                VerbKind(span.label_),
                span,
                _staff_before(doc, start, lexicon),
                None,
                _second_skill(doc, span, lexicon),
            )
    return Intention(VerbKind.MISSING, None, None, None, None)


def _intention_after(doc: Doc, anchor: Token, lexicon: dict[int, Span]) -> Intention | None:
    i = anchor.i + 1
    negation: Span | None = None
    while i < len(doc):
        token = doc[i]
        span = lexicon.get(i)
        if span is not None and span.label_ == "NEGATION":
            negation = negation or span
            i = span.end
        elif (run := _auxiliary_run_at(doc, i)) or token.lower_ in _FILLERS or _is_adverb(token, span):
            i += run or 1
        elif token.lower_ == "from" and negation is not None:
            i += 1
        else:
            break
    if i >= len(doc) or not doc[i].is_alpha:
        return None if anchor.lower_ == "to" else Intention(VerbKind.MISSING, None, None, negation, None)
    verb = lexicon.get(i)
    listed = verb is not None and verb.label_ in ("OBSERVABLE", "VAGUE", "PROVISION")
    if anchor.lower_ == "to" and not listed and not _opens_target(doc, anchor, doc[i]):
        return None  # "to" was a preposition ("go to the library"), not the start of an intention
    if verb is None or not listed:
        kind = VerbKind.BE_STATE if doc[i].lemma_ in _STATES else VerbKind.UNLISTED
        verb = doc[i : i + 1]
    else:
        kind = VerbKind(verb.label_)
    return Intention(kind, verb, _staff_before(doc, anchor.i, lexicon), negation, _second_skill(doc, verb, lexicon))


def _opens_target(doc: Doc, anchor: Token, verb: Token) -> bool:
    """ "To <verb> …" or "Sam to <verb> …": an infinitive that starts the target, whatever the verb."""
    clause_start = anchor.i
    while clause_start > 0 and not doc[clause_start - 1].is_punct:
        clause_start -= 1
    return anchor.i - clause_start <= 2 and (not verb.is_stop or verb.lemma_ in _STATES)


def _auxiliary_run_at(doc: Doc, i: int) -> int:
    """Length of a "be able to"/"begin to" run starting at i, else 0."""
    run = _RUNS_BY_FIRST_WORD.get(doc[i].lemma_.lower())
    end = i + len(run) if run else 0
    if (
        run
        and end <= len(doc)
        and all(doc[j].lemma_.lower() == word for j, word in zip(range(i, end), run, strict=True))
    ):
        return len(run)
    return 0


def _is_adverb(token: Token, span: Span | None) -> bool:
    return span is None and token.lower_.endswith("ly") and len(token) > 4


def _after_determiner(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_ in _DETERMINERS


def _staff_before(doc: Doc, end: int, lexicon: dict[int, Span]) -> Span | None:
    """A staff word acting as the subject: between the clause start and the intention."""
    start = end
    while start > 0 and not doc[start - 1].is_punct:
        start -= 1
    for i in range(start, end):
        span = lexicon.get(i)
        if span is not None and span.label_ == "STAFF":
            return span
    return None


def _second_skill(doc: Doc, verb: Span, lexicon: dict[int, Span]) -> Span | None:
    """A second action joined by "and" in the same form as the first ("read and write")."""
    inside_criteria: set[int] | None = None  # worked out at the first "and": most targets have none
    form = _verb_form(verb[0])
    for conjunction in doc[verb.end :]:
        if conjunction.lower_ not in _CONJUNCTIONS:
            continue
        if inside_criteria is None:
            inside_criteria = covered(doc, MEASURES) | covered(doc, TIMES)
        if conjunction.i in inside_criteria:
            continue
        i = conjunction.i + 1
        while i < len(doc) and (doc[i].lower_ in _FILLERS or doc[i].lower_ in ("will", "to")):
            i += 1
        candidate = lexicon.get(i)
        if (
            candidate is not None
            and candidate.label_ in ("OBSERVABLE", "VAGUE", "PROVISION")
            and _verb_form(candidate[0]) == form
        ):
            return candidate
    return None


def _verb_form(token: Token) -> str:
    """Base, -s, -ing or other: two verbs joined as two skills share a form."""
    lowered = token.lower_
    if lowered == token.lemma_.lower():
        return "base"
    if lowered.endswith("ing"):
        return "ing"
    if lowered.endswith("s"):
        return "s"
    return "other"
