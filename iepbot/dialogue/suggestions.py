"""Which bank target, if any, "✨ Use the suggestion" may offer: on the difficulty's skill, or none at all.

A teacher who presses the button puts the suggestion on the plan, so a wrong suggestion is worse than none:
an unsure match gives no suggestion, and the reply asks which skill instead (issue 16;
bench/suggestions.py measures it over 50 hand-labelled plan contexts and 31 quick checks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from nlp import StepSize
from nlp.areas import Area
from nlp.calendar import SchoolCalendar
from nlp.time_bound import suggested_deadline
from target_bank import Bank, BankTarget, SearchHit

# Where a match means "on this skill": the skill and strand name what a whole ladder is about; the other
# columns (a step's wording, strategies, resources) share words such as "class", "adult" or "minutes" with
# ladders on quite different skills.
TOPIC_FIELDS = ("skill", "strand")
# A target is compared with the curriculum statement too, so "confidence in maths" is about a number ladder.
TARGET_FIELDS = ("skill", "strand", "curriculum")
# The first ladder must score at least this many times the second to be clearly the one meant ("shouts out in
# class": calling out and class responsibility score alike, so neither is offered).
MARGIN = 1.5
# ...and at least this BM25 score: one shared common word ("school", "need") scores 4-8 on the 465-target bank,
# a word naming the skill 8 or more. Set on the bench's contexts (bench/suggestions.py), so tuned, not held out.
FLOOR = 8.0
# A teacher's framing of a difficulty or a vague target, never the skill itself: "struggles", "get better at",
# "improve", "work on" (left in, "working at a Grade 4" matched the group-work ladders); and words naming an
# area of need rather than a skill ("communication skills", "his literacy", "appropriate behaviour").
_FRAMING = """able ability abilities achieve become better can cannot cant continue consistently develop difficult
    difficulties difficulty doesnt dont find finds further get gets good hard harder improve improving increase
    isnt just learn make poor really skill skills still struggle struggles struggling try trying weak
    well work working won wont
    appropriate behavior behaviour communication emotional literacy social understand understanding"""
FRAMING_WORDS = frozenset(_FRAMING.split())
_NOT_NAME_WORDS = """A An And By During Each Every For Given He I If In It My On She Student Support The They This To
    Upon We When While Will With Within"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
_NAME = re.compile(r"\b([A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+)?) (?:will|must|should|can|is|to)\b")


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What the teacher has told us about the pupil before the target: what picks the ladder and the step."""

    area: Area | None
    year: int | None
    difficulty: str | None
    entry_skills: str | None
    step_size: StepSize | None = None
    pupil_name: str | None = None


def topic(text: str) -> str:
    """The text without its framing words: what is left names the skill, if anything does."""
    words = re.findall(r"[A-Za-z0-9]+", text.replace("'", "").replace("\u2019", ""))
    return " ".join(word for word in words if word.lower() not in FRAMING_WORDS)


def clear_ladder(hits: tuple[SearchHit, ...]) -> str | None:
    """The one ladder these hits are about, or None when none is, or two are about equally."""
    if not hits or hits[0].score < FLOOR or (len(hits) > 1 and hits[1].score * MARGIN > hits[0].score):
        return None
    return hits[0].target.progression_id


def in_plan(bank: Bank, plan: PlanContext, target_text: str) -> BankTarget | None:
    """The step for this pupil, or None when unsure.

    The difficulty picks the ladder (in the area of need, any year: it says which skill, the year says whether
    the bank has it for this pupil); a ladder outside the pupil's year gives no suggestion, never a step from
    another year. A target whose own words are on another skill gives none either. The step is the one the
    difficulty and entry skills come closest to, one lower for small steps.
    """
    if plan.area is None or plan.year is None or not plan.difficulty:
        return None
    ladder = clear_ladder(bank.search(topic(plan.difficulty), area=plan.area, fields=TOPIC_FIELDS))
    if ladder is None or plan.year not in bank.progression(ladder).years:
        return None
    if not agrees(bank, ladder, _without_names(target_text, plan.pupil_name)):
        return None
    # The target is vague (that is why a suggestion is wanted); what the pupil can and cannot do yet places them.
    step = _best_step(bank, ladder, f"{plan.difficulty} {plan.entry_skills or ''}")
    if plan.step_size is StepSize.SMALL:
        step = bank.smaller_step(step.id) or step
    return step


def out_of_plan(bank: Bank, target_text: str) -> BankTarget | None:
    """Outside a plan nothing is known but the words: a suggestion only when they name one ladder clearly."""
    ladder = clear_ladder(bank.search(topic(target_text), fields=TOPIC_FIELDS))
    return None if ladder is None else _best_step(bank, ladder, target_text)


def agrees(bank: Bank, ladder: str, target_text: str) -> bool:
    """Is the target on the ladder's skill, or on no skill in particular ("Sam will try harder")?

    Words naming some skill must name this one about as well as any other (buttons name fastening far better
    than scissors, though both ladders are fine motor skills); a word the bank has never seen ("algebra",
    "attendance") may name a skill it has no ladder for, so it does not count as "no skill in particular".
    """
    words = topic(target_text)
    hits = bank.search(words, fields=TARGET_FIELDS, limit=len(bank.progressions))
    if not hits:
        return not bank.unknown_words(words)
    return ladder in {hit.target.progression_id for hit in hits if hit.score * MARGIN > hits[0].score}


def _without_names(text: str, pupil_name: str | None) -> str:
    """The target without the pupil's name, which the bank has never seen and which names no skill."""
    for name in (pupil_name, written_name(text)):
        if name:
            text = re.sub(rf"\b{re.escape(name)}\b", " ", text, flags=re.IGNORECASE)
    return text


def _best_step(bank: Bank, ladder: str, words: str) -> BankTarget:
    """The ladder's step the words match best; its first step when none of them appears in its steps."""
    for hit in bank.search(words, limit=len(bank.progressions)):
        if hit.target.progression_id == ladder:
            return hit.target
    return bank.progression(ladder).steps[0]


def written_name(text: str) -> str | None:
    """The pupil's name as the teacher wrote it in a target ("Sam will ...", "With support, Sam will ...")."""
    for match in _NAME.finditer(text):
        name = match.group(1)
        if name.split()[0] not in _NOT_NAMES:
            return name
    return None


def pupil_named_in(text: str) -> str:
    """Who a bank target is written for outside a plan: the name the teacher wrote, else "The pupil"."""
    return written_name(text) or "The pupil"


def deadline_for(today: date, calendar: SchoolCalendar) -> date:
    """A suggestion's deadline: the first school break at least six weeks away, never "the review date"."""
    return suggested_deadline(today, calendar)[1]


def quick_suggestion(bank: Bank, text: str, *, today: date, calendar: SchoolCalendar) -> str | None:
    """The bank target to show beside quick feedback, written for the teacher's pupil; None when unsure."""
    target = out_of_plan(bank, text)
    if target is None:
        return None
    return bank.render(target.id, name=pupil_named_in(text), deadline=deadline_for(today, calendar))
