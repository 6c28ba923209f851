"""Finds the target's learning intention: who acts, the main action, and anything joined to it.

A blank pipeline has no parser, so the structure is read from the shape IEP targets share:
"<pupil> will <action> <what> <measure> <deadline>" (or "To <action> …", or an imperative "Cover his mouth …"),
using the lexicon spans the ruler found. Real targets often wrap the action in a vague verb ("will improve his
handwriting by writing on the line"); `nlp.actions` looks behind the wrapper for the behaviour it names.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from nlp.actions import Lexicon, coordinated_skill, could_be_a_verb, light_verb_quality, linked_action
from nlp.spans import LEXICON, VERB_LABELS, spans_by_start

_MODALS = frozenset({"will", "'ll", "shall", "can", "should", "must", "would", "wo", "ca", "to"})
_AUXILIARY_RUNS = (
    ("be", "able", "to"),
    ("continue", "to"),
    ("go", "on", "to"),
)
_RUNS_BY_FIRST_WORD = {run[0]: run for run in _AUXILIARY_RUNS}  # each run starts with its own word
_FILLERS = frozenset(
    {"then", "also", "now", "always", "all", "both", "each", "further", "still", "regularly", "better", "more"}
)
_STATES = frozenset({"be", "have"})  # "will be calmer", "will have better behaviour": states, not actions
_NOT_A_SUBJECT = frozenset(
    {"of", "with", "from", "by", "to", "my", "his", "her", "their", "our", "a", "an", "after", "before", "at", "in"}
    | {"high", "secondary", "primary", "middle", "elementary"}  # "After High School Sam will …": a stage
)
_WITNESSED = frozenset({"observed", "seen", "heard", "noted", "recorded"})
_STOP_ALONE_BEFORE = frozenset({"and", "or", "when", "at", "if", "before", "on", "then"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "my", "this", "that", "its"})


class VerbKind(enum.StrEnum):
    """What kind of action the target asks of the pupil."""

    OBSERVABLE = "OBSERVABLE"
    UNLISTED = "UNLISTED"  # a verb we don't list: taken as an action, since vague verbs are a closed list
    VAGUE = "VAGUE"
    BE_STATE = "BE_STATE"  # "will be calmer": a state, not an action
    HEDGE = "HEDGE"  # "work on", "try to", "begin to": effort, not an outcome
    PROVISION = "PROVISION"
    MISSING = "MISSING"


@dataclass(frozen=True, slots=True)
class Intention:
    """The learning intention as found in the text.

    `verb` is the head verb as written; `action` the behaviour a stranger could see — the head itself when it is
    observable, or the action behind a vague wrapper ("by writing on the line"). `quality` is the internal state
    or quality that makes a light verb vague ("demonstrate appropriate *behaviour*").
    """

    kind: VerbKind
    verb: Span | None
    staff_subject: Span | None
    negation: Span | None
    second_skill: Span | None
    action: Span | None = None
    quality: Span | None = None

    @property
    def observable(self) -> bool:
        """Whether the pupil's required behaviour can be seen or heard."""
        return self.action is not None


def find_intention(doc: Doc) -> Intention:
    """Read the intention from the first modal ("will", "to" …) or, failing that, the first listed verb."""
    lexicon = Lexicon(doc, spans_by_start(doc, LEXICON))
    first_verb = next((i for i in sorted(lexicon.spans) if lexicon.is_verb(i) and not _after_determiner(doc, i)), None)
    for anchor in (token for token in doc if token.lower_ in _MODALS):
        if anchor.lower_ == "to" and first_verb is not None and first_verb < anchor.i:
            continue  # "achieve the grades to allow them to enter": a purpose after the verb, not the intention
        found = _intention_after(doc, anchor, lexicon)
        if found is not None:
            return found
    if first_verb is not None:
        span = lexicon.spans[first_verb]
        return _intention(doc, span, VerbKind.OBSERVABLE, lexicon, _staff_before(doc, first_verb, lexicon), None)
    return Intention(VerbKind.MISSING, None, None, None, None)


def _intention_after(doc: Doc, anchor: Token, lexicon: Lexicon) -> Intention | None:
    i = anchor.i + 1
    negation: Span | None = None
    while i < len(doc):
        token = doc[i]
        span = lexicon.spans.get(i)
        if span is not None and span.label_ == "NEGATION" and _stops_as_an_action(doc, span):
            staff = _staff_before(doc, anchor.i, lexicon)
            return _intention(doc, span, VerbKind.OBSERVABLE, lexicon, staff, negation)
        if span is not None and span.label_ == "NEGATION":
            negation = negation or span
            i = span.end
        elif (run := _auxiliary_run_at(doc, i)) or token.lower_ in _FILLERS or _is_adverb(token, span):
            i += run or 1
        elif token.lower_ == "from" and negation is not None:
            i += 1
        elif token.lemma_ == "be" and i + 1 < len(doc) and _is_gerund(doc[i + 1]):
            i += 1  # "will be going out to eat": the progressive's verb is the action
        elif token.lemma_ == "be" and (seen := _observed_to(doc, i)):
            i = seen  # "will be observed on 4 out of 5 occasions to sort": the sorting is the action
        else:
            break
    if i >= len(doc) or not doc[i].is_alpha:
        return None if anchor.lower_ == "to" else Intention(VerbKind.MISSING, None, None, negation, None)
    verb = lexicon.spans.get(i)
    listed = verb is not None and verb.label_ in VERB_LABELS
    if anchor.lower_ == "to" and not listed and not _opens_target(doc, anchor, doc[i]):
        return None  # "to" was a preposition ("go to the library"), not the start of an intention
    staff = _staff_before(doc, anchor.i, lexicon)
    if verb is None or not listed:
        if doc[i].lemma_ not in _STATES and not could_be_a_verb(doc[i].text):
            if negation is not None:  # "will refrain from physical aggression": the refraining is the behaviour
                return Intention(VerbKind.UNLISTED, negation, staff, negation, None, negation)
            return None if anchor.lower_ == "to" else Intention(VerbKind.MISSING, None, staff, negation, None)
        kind = VerbKind.BE_STATE if doc[i].lemma_ in _STATES else VerbKind.UNLISTED
        return _intention(doc, doc[i : i + 1], kind, lexicon, staff, negation)
    return _intention(doc, verb, VerbKind.OBSERVABLE, lexicon, staff, negation)


def _intention(
    doc: Doc, verb: Span, kind: VerbKind, lexicon: Lexicon, staff: Span | None, negation: Span | None
) -> Intention:
    """The intention headed by `verb`: a light verb judged by its object, a vague one by the action it wraps."""
    quality: Span | None = None
    if verb.label_ in ("VAGUE", "HEDGE", "PROVISION"):
        kind = VerbKind(verb.label_)
    elif verb.label_ == "LIGHT":
        quality = light_verb_quality(lexicon, verb)
        kind = VerbKind.VAGUE if quality is not None else VerbKind.OBSERVABLE
    action: Span | None = None
    if kind in (VerbKind.OBSERVABLE, VerbKind.UNLISTED):
        action = verb
    elif kind in (VerbKind.VAGUE, VerbKind.BE_STATE):
        action = linked_action(doc, verb, lexicon)
    return Intention(kind, verb, staff, negation, coordinated_skill(doc, verb, lexicon), action, quality)


def _stops_as_an_action(doc: Doc, negation: Span) -> bool:
    """ "will stop, look and listen", "stop when the whistle blows": stopping itself is the behaviour asked for,
    not a behaviour to give up ("stop shouting out")."""
    if negation[0].lemma_.lower() != "stop":
        return False
    after = doc[negation.end] if negation.end < len(doc) else None
    return after is None or after.is_punct or after.lower_ in _STOP_ALONE_BEFORE


def _opens_target(doc: Doc, anchor: Token, verb: Token) -> bool:
    """ "To <verb> …" or "Sam to <verb> …": an infinitive that starts the target, whatever the verb."""
    clause_start = anchor.i
    while clause_start > 0 and not doc[clause_start - 1].is_punct:
        clause_start -= 1
    return anchor.i - clause_start <= 2 and (not verb.is_stop or verb.lemma_ in _STATES)


def _auxiliary_run_at(doc: Doc, i: int) -> int:
    """Length of a "be able to"/"continue to" run starting at i, else 0."""
    run = _RUNS_BY_FIRST_WORD.get(doc[i].lemma_.lower())
    end = i + len(run) if run else 0
    if (
        run
        and end <= len(doc)
        and all(doc[j].lemma_.lower() == word for j, word in zip(range(i, end), run, strict=True))
    ):
        return len(run)
    return 0


def _observed_to(doc: Doc, i: int) -> int:
    """After "be observed/seen/heard … to", the index of the verb that follows, else 0."""
    if i + 1 >= len(doc) or doc[i + 1].lower_ not in _WITNESSED:
        return 0
    for j in range(i + 2, min(len(doc) - 1, i + 14)):
        if doc[j].lower_ == "to":
            return j + 1
    return 0


def _is_gerund(token: Token) -> bool:
    return token.lower_.endswith("ing") and token.lemma_.lower() != token.lower_


def _is_adverb(token: Token, span: Span | None) -> bool:
    return span is None and token.lower_.endswith("ly") and len(token) > 4


def _after_determiner(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_ in _DETERMINERS


def _staff_before(doc: Doc, end: int, lexicon: Lexicon) -> Span | None:
    """A staff word acting as the subject: between the clause start and the intention."""
    start = end
    while start > 0 and not doc[start - 1].is_punct:
        start -= 1
    for i in range(start, end):
        span = lexicon.spans.get(i)
        if span is not None and span.label_ == "STAFF" and not (i > 0 and doc[i - 1].lower_ in _NOT_A_SUBJECT):
            return span
    return None
