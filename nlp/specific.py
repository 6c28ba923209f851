"""Specific: an observable action by the pupil, as its subject; several skills and negative wording are findings."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from spacy.tokens import Span

from nlp.pattern_files import word_rule_ids
from nlp.report import Criterion, Evidence, Finding, FindingCode
from nlp.structure import Intention, VerbKind

_LEMMA_LISTS = frozenset({"OBSERVABLE", "VAGUE", "LIGHT", "PROVISION"})  # one-word lists of lemmas
_EXAMPLES = "read, write, name, count, ask, say, sit, wait, point to, take turns"


def evidence(span: Span, label: str) -> Evidence:
    """A span of the teacher's text as evidence, with character offsets and the rule that found it."""
    return Evidence(span.start_char, span.end_char, span.text, label, rule_of(span))


def rule_of(span: Span) -> str | None:
    """The id of the rule behind a ruler's span; for a word from a folded list, the word's own line."""
    rule = span.id_ or None
    if rule is not None and rule.endswith("-words"):
        word = span[0].lemma_.lower() if span.label_ in _LEMMA_LISTS else span[0].lower_
        return word_rule_ids().get((span.label_, word), rule)
    return rule


@cache
def _alternatives() -> dict[str, dict[str, str]]:
    text = resources.files("nlp.patterns").joinpath("alternatives.json").read_text(encoding="utf-8")
    loaded: dict[str, dict[str, str]] = json.loads(text)
    return loaded


def positive_alternative(verb: Span | None) -> str | None:
    """The behaviour to ask for instead of the one named ("hit" → "keep their hands … to themselves")."""
    return _alternatives()["negative"].get(verb[0].lemma_.lower()) if verb is not None else None


def judge_specific(intention: Intention) -> Criterion:
    """Judge the pupil's required behaviour: observable (seen or heard) or not; the first problem is the one told."""
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
    if intention.kind is VerbKind.HEDGE:
        return Criterion(
            "specific",
            False,
            f'"{verb.text}" describes effort, not what the pupil will be able to do.',
            f"Say what the pupil will do when it is achieved ({_EXAMPLES}).",
            (evidence(verb, "HEDGE"),),
        )
    action = intention.action
    if action is not None:
        message = f'Clear, observable action: "{action.text}".'
        if action.start != verb.start:
            message = f'Observable: "{action.text}" (the action behind "{verb.text}").'
        return Criterion("specific", True, message, None, (evidence(action, "ACTION"),))
    lemma = verb[0].lemma_.lower()
    instead = _alternatives()["vague"].get(lemma, f"an action you can see ({_EXAMPLES})")
    what = f'"{verb.text} … {intention.quality.text}"' if intention.quality is not None else f'"{verb.text}"'
    found: tuple[Evidence, ...] = (evidence(verb, intention.kind.value),)
    if intention.quality is not None:
        found += (evidence(intention.quality, "QUALITY"),)
    return Criterion(
        "specific", False, f"{what} can't be seen or counted.", f"Say what the pupil will do: {instead}.", found
    )


def skill_findings(intention: Intention) -> tuple[Finding, ...]:
    """Warnings about the intention that don't decide Specific: several skills, or a behaviour to stop."""
    findings: list[Finding] = []
    verb, second = intention.verb, intention.second_skill
    if verb is not None and second is not None:
        findings.append(
            Finding(
                FindingCode.SEVERAL_SKILLS,
                f'It joins two skills ("{verb.text}" and "{second.text}"): keep one skill per target and make '
                "the other a target of its own.",
                (evidence(verb, "SKILL"), evidence(second, "SKILL")),
            )
        )
    if intention.negation is not None:
        instead = positive_alternative(verb)
        hint = f'e.g. "will {instead}"' if instead else "the behaviour you want to see instead"
        findings.append(
            Finding(
                FindingCode.NEGATIVE_WORDING,
                f"It says what the pupil won't do; phrase it positively: {hint}.",
                (evidence(intention.negation, "NEGATION"),),
            )
        )
    return tuple(findings)
