"""Specific: an observable action by the pupil, one skill, the pupil as the subject, phrased positively."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from spacy.tokens import Span

from nlp.report import Criterion, Evidence
from nlp.structure import Intention, VerbKind

_EXAMPLES = "read, write, name, count, ask, say, sit, wait, point to, take turns"


def evidence(span: Span, label: str) -> Evidence:
    """A span of the teacher's text as evidence, with character offsets."""
    return Evidence(span.start_char, span.end_char, span.text, label)


@cache
def _alternatives() -> dict[str, dict[str, str]]:
    text = resources.files("nlp.patterns").joinpath("alternatives.json").read_text(encoding="utf-8")
    loaded: dict[str, dict[str, str]] = json.loads(text)
    return loaded


def positive_alternative(verb: Span | None) -> str | None:
    """The behaviour to ask for instead of the one named ("hit" → "keep their hands … to themselves")."""
    return _alternatives()["negative"].get(verb[0].lemma_.lower()) if verb is not None else None


def judge_specific(intention: Intention) -> Criterion:
    """Judge the intention; the first problem found is the one the teacher is told about."""
    verb = intention.verb
    if intention.staff_subject is not None or intention.kind is VerbKind.PROVISION:
        cause = intention.staff_subject if intention.staff_subject is not None else verb
        return Criterion(
            "specific",
            False,
            "This describes provision — what adults will do or give — not what the pupil will do.",
            'Make the pupil the subject ("Sam will …") and put the support in the teaching strategy.',
            (evidence(cause, "PROVISION"),) if cause is not None else (),
        )
    if verb is None:
        return Criterion(
            "specific",
            False,
            "I can't find what the pupil will do.",
            f'Start with the pupil and an action you can see: "Sam will …" ({_EXAMPLES}).',
        )
    if intention.negation is not None:
        instead = positive_alternative(verb)
        hint = f'e.g. "will {instead}"' if instead else "the behaviour you want to see instead"
        return Criterion(
            "specific",
            False,
            "It says what the pupil won't do; a target says what they will do.",
            f"Phrase it positively: {hint}.",
            (evidence(intention.negation, "NEGATION"),),
        )
    if intention.kind in (VerbKind.VAGUE, VerbKind.BE_STATE):
        lemma = verb[0].lemma_.lower()
        instead = _alternatives()["vague"].get(lemma, f"an action you can see ({_EXAMPLES})")
        return Criterion(
            "specific",
            False,
            f'"{verb.text}" can\'t be seen or counted.',
            f"Say what the pupil will do to show it: {instead}.",
            (evidence(verb, intention.kind.value),),
        )
    if intention.second_skill is not None:
        return Criterion(
            "specific",
            False,
            f'It joins two skills ("{verb.text}" and "{intention.second_skill.text}").',
            "Keep one skill per target; make the other a target of its own.",
            (evidence(verb, "SKILL"), evidence(intention.second_skill, "SKILL")),
        )
    return Criterion(
        "specific",
        True,
        f'Clear, observable action: "{verb.text}".',
        None,
        (evidence(verb, intention.kind.value),),
    )
