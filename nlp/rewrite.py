"""Builds a suggested rewrite when the fix is mechanical: one skill, a blank for the measure, a deadline.

A rewrite only adds or removes whole phrases at a phrase boundary — never words inside a phrase — and never a
second deadline. Where the action itself is vague there is no rewrite (a bank target or a question serves the
teacher better than a padded sentence), and where a number is missing it leaves a blank for the teacher to fill
("in __ out of __ sessions") instead of inventing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from nlp.calendar import SchoolCalendar
from nlp.spans import MEASURES, TIMES
from nlp.structure import Intention
from nlp.time_bound import suggested_deadline

MEASURE_SLOT = "in __ out of __ sessions"
_PREPOSITIONS = frozenset(
    {"by", "before", "until", "at", "within", "in", "over", "during", "for", "upon", "on", "throughout", "after"}
)
_JOINERS = frozenset({"and", "&", "+"})


@dataclass(frozen=True, slots=True)
class RewriteNeeds:
    """Which mechanical fixes the checker found necessary."""

    measure: bool
    deadline: bool
    deadline_replaced: bool  # passed, or a blank such as "by [date]"
    second_skill: bool = False


def suggest_rewrite(
    doc: Doc, intention: Intention, needs: RewriteNeeds, *, today: date, calendar: SchoolCalendar
) -> str | None:
    """The target with one skill, a measure blank and a deadline; None when the action itself must change."""
    if not intention.observable or intention.staff_subject is not None or intention.negation is not None:
        return None
    if needs.measure and not _has_complement(doc, intention):
        return None  # "To be able to count.": what, how many? A stock criterion would only pad it
    dropped = set(range(*_second_skill_range(doc, intention))) if needs.second_skill else set()
    replaced: dict[int, str] = {}
    times = [span for span in doc.spans[TIMES] if span.start not in dropped]
    if needs.deadline_replaced:
        stale = _replaceable_deadline(doc, times)
        if stale is None:
            return None
        dropped.update(range(stale.start, stale.end))
        replaced[stale.start] = f"{suggested_deadline(today, calendar)[0]}{stale[-1].whitespace_}"
    if not (dropped or needs.measure or needs.deadline):
        return None  # nothing to change: a SMART target needs no rewrite
    kept = [token for token in doc if token.i not in dropped or token.i in replaced]
    tail_time = _tail_deadline(doc, times, dropped)
    pieces: list[str] = []
    for token in kept:
        if needs.measure and tail_time is not None and token.i == tail_time:
            pieces.append(MEASURE_SLOT + " ")
        pieces.append(replaced.get(token.i) or _kept_text(token, dropped))
    text = "".join(pieces).strip().rstrip(".!;,").rstrip()
    if needs.measure and tail_time is None:
        text += f" {MEASURE_SLOT}"
    if needs.deadline:
        text += f" by {suggested_deadline(today, calendar)[0]}"
    return f"{text[0].upper()}{text[1:]}."


def _has_complement(doc: Doc, intention: Intention) -> bool:
    """Whether the action says what it acts on or where ("count *objects to 10*", "sit *on the carpet*")."""
    action = intention.action
    in_time = {i for span in doc.spans[TIMES] for i in range(span.start, span.end)}
    return action is not None and any(
        token.is_alpha and token.i not in in_time and not token.is_stop for token in doc[action.end :]
    )


def _kept_text(token: Token, dropped: set[int]) -> str:
    """The token as written, with a space where the words after it were dropped."""
    if token.i in dropped:
        return ""
    return token.text_with_ws if token.whitespace_ or token.i + 1 not in dropped else f"{token.text} "


def _with_preposition(doc: Doc, start: int) -> int:
    """Where a time phrase starts, counting "by the" in front of it."""
    i = start
    while i > 0 and doc[i - 1].lower_ in ("the", "this"):
        i -= 1
    return i - 1 if i > 0 and doc[i - 1].lower_ in _PREPOSITIONS else start


def _tail_deadline(doc: Doc, times: list[Span], dropped: set[int]) -> int | None:
    """The first token of a deadline phrase that ends the sentence ("… by Easter."), where a measure goes before it."""
    if not times:
        return None
    last = times[-1]
    rest = [token for token in doc[last.end :] if token.i not in dropped]
    if any(not token.is_punct for token in rest):
        return None
    start = _with_preposition(doc, last.start)
    return start if start != last.start or doc[start].lower_ in _PREPOSITIONS else None


def _replaceable_deadline(doc: Doc, times: list[Span]) -> Span | None:
    """The one passed or blank deadline, when it follows "by"/"before" and can be swapped whole for a school period."""
    if len(times) != 1:
        return None
    stale = times[0]
    if stale[0].lower_ in ("by", "before"):
        return doc[stale.start + 1 : stale.end]
    return stale if stale.start > 0 and doc[stale.start - 1].lower_ in ("by", "before") else None


def _second_skill_range(doc: Doc, intention: Intention) -> tuple[int, int]:
    """Token range to drop so one skill remains: "and write" alone, or a whole second clause with no measure in it."""
    second, verb = intention.second_skill, intention.verb
    if second is None or verb is None or intention.action is not verb:
        return (0, 0)  # only a second skill beside the observable head can go; a wrapper's must stay
    joiner = second.start - 1
    while joiner > verb.end and doc[joiner].lower_ not in _JOINERS:
        joiner -= 1
    if joiner == verb.end and doc[joiner].lower_ in _JOINERS:
        end = second.end
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
            end += 2  # "add and take-away": the whole hyphenated word goes
        return (joiner, end)  # "read and write 20 words": keep the shared object
    if doc[joiner].lower_ not in _JOINERS or any(token.lower_ == "," for token in doc[verb.end : joiner]):
        return (0, 0)  # a list of several skills: the finding says so, a mechanical cut would garble it
    end = min(
        (_with_preposition(doc, span.start) for span in doc.spans[TIMES] if span.start > second.start),
        default=len(doc),
    )
    if any(span.start >= joiner and span.start < end for span in doc.spans[MEASURES]):
        return (0, 0)  # the second clause holds the measure: cutting it would leave the target unmeasured
    return (joiner, end)
