"""What the pupil is asked to do, read past the wording real targets wrap it in.

Real targets often put the behaviour behind a vague head ("will improve the legibility of his handwriting *by
writing on the line*", "will increase *the number of words read* per minute", "will develop her social skills *by
using kind hands*"), or make an observable-looking verb vague through its object ("will demonstrate appropriate
*behaviour*", "will maintain *attention*"). The labelling rules (`../shared/data/LABELLING.md`) count the first as
observable and the second as not; these functions find both from the lexicon spans, without a parser.

Word lists are data (`nlp/patterns/words.json`): the nouns that name a quality or internal state, the nouns
that wrap an action ("ability to …"), and the nouns that count one ("the number of …").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from nlp.spans import MEASURES, TIMES, VERB_LABELS, covered

_OBJECT_ENDS = frozenset(
    {
        "by", "in", "to", "when", "during", "with", "without", "for", "at", "on", "across", "within", "while",
        "after", "before", "as", "and", "or", "through", "throughout", "from", "so", "that", "which", "if",
        "beside", "under", "above", "below", "near", "into", "onto", "inside", "about", "like", "than", "per",
        "between", "against", "around", "who", "where", "of", "toward", "towards",
    }
)  # fmt: skip
_COORDINATORS = frozenset({"and", "&", "+", ","})
_SKIPPED_BEFORE_VERB = frozenset({"to", "will", "then", "also", "he", "she", "they", "i", "can", "be", "able"})
_OBJECT_WINDOW = 8  # tokens after a light verb that can hold its object's head noun
_NOUN_PHRASE_WINDOW = 4  # "reading comprehension skills": words after a gerund that can be its noun phrase
_COUNTED_WINDOW = 14  # tokens after "the number of" that can hold the behaviour counted
_DOING_VERBS = frozenset({"remember"})  # "remember to <do>" asks for the doing
_SHORTEST_STEM = 4  # "academ-ic" is an adjective; "pan-ic" may be a verb


@dataclass(frozen=True, slots=True)
class WordLists:
    """The data-file word lists the action readers use."""

    quality_nouns: frozenset[str]
    wrapper_nouns: frozenset[str]
    count_nouns: frozenset[str]
    area_nouns: frozenset[str]  # "progress *in reading*": the subject area, not an action
    skill_nouns: frozenset[str]  # area nouns that take an action with its object: "skills in *accessing transport*"
    not_verb_suffixes: tuple[str, ...]


@cache
def word_lists() -> WordLists:
    """`nlp/patterns/words.json`, read once per process."""
    text = resources.files("nlp.patterns").joinpath("words.json").read_text(encoding="utf-8")
    loaded = json.loads(text)
    return WordLists(
        quality_nouns=frozenset(loaded["quality_nouns"]),
        wrapper_nouns=frozenset(loaded["wrapper_nouns"]),
        count_nouns=frozenset(loaded["count_nouns"]),
        area_nouns=frozenset(loaded["area_nouns"]),
        skill_nouns=frozenset(loaded["skill_nouns"]),
        not_verb_suffixes=tuple(loaded["not_verb_suffixes"]),
    )


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A target's lexicon spans by their first token."""

    doc: Doc
    spans: dict[int, Span]

    def observable_at(self, i: int) -> Span | None:
        """The observable action starting at token i: a listed action, or a light verb with a concrete object."""
        span = self.spans.get(i)
        if span is None:
            return None
        if span.label_ == "OBSERVABLE" or (span.label_ == "LIGHT" and light_verb_quality(self, span) is None):
            return span
        return None

    def is_verb(self, i: int) -> bool:
        span = self.spans.get(i)
        return span is not None and span.label_ in VERB_LABELS


def light_verb_quality(lexicon: Lexicon, verb: Span) -> Span | None:
    """The quality noun heading a light verb's object ("demonstrate appropriate *behaviour*"), or None if concrete.

    The head is the object's last word before a preposition or clause ("use a self-regulation *strategy*" is
    concrete, "show *understanding* of the task" is not). A second verb sharing the object is read through:
    "maintain or regain appropriate arousal *level*".
    """
    doc, quality = lexicon.doc, word_lists().quality_nouns
    head: int | None = None
    i = verb.end
    while i < min(len(doc), verb.end + _OBJECT_WINDOW):
        token = doc[i]
        if token.lower_ in ("or", "and") and lexicon.is_verb(i + 1):
            i += 2
            continue
        if (token.is_punct and token.text not in ("-", "/")) or token.lower_ in _OBJECT_ENDS:
            break
        if head is not None and token.lower_.endswith("ed") and token.lemma_.lower() != token.lower_:
            break  # "the calming action *listed* beside …": a reduced relative clause after the head noun
        if token.is_alpha:
            head = i
        i += 1
    if head is None:
        return None
    word = doc[head]
    if word.lower_ in quality or word.lemma_.lower() in quality or word.lower_ == "being":
        return doc[head : head + 1]
    return None


def linked_action(doc: Doc, head: Span, lexicon: Lexicon) -> Span | None:
    """The observable action a vague head is tied to in the same sentence, if any.

    The ties: "by writing", "including asking", "in order to write", "the ability to write", "consistent in completing",
    "the number of words read", "… and to be able to identify", "who he will socialise with".
    """
    lists = word_lists()
    if head.end < len(doc) and doc[head.end].lower_ == "to" and head.label_ == "VAGUE":
        if head[0].lemma_.lower() in _DOING_VERBS:
            return _verb_after(lexicon, head.end + 1)  # "remember to collect his equipment": the collecting
        return None  # "learn to read and spell": everything after "to" is what is to be learnt, still vague
    i = head.end
    while i < len(doc) and doc[i].text not in (".", ";", "!", "?"):
        word = doc[i].lower_
        found: Span | None = None
        if word in ("by", "including", "through"):
            found = _gerund_after(lexicon, i + 1, unlisted=True)
        elif word in ("in", "of") and doc[i - 1].lower_ not in lists.area_nouns:
            found = _gerund_after(lexicon, i + 1)
        elif word in ("in", "of") and doc[i - 1].lower_ in lists.skill_nouns:
            found = _gerund_with_object(lexicon, i + 1)
        if found is None and word == "order" and _words_at(doc, i + 1, ("to",)):
            found = _verb_after(lexicon, i + 2)
        if found is None and word in lists.wrapper_nouns and _words_at(doc, i + 1, ("to",)):
            found = _verb_after(lexicon, i + 2)
        if found is None and word in lists.count_nouns and _words_at(doc, i + 1, ("of",)):
            found = _any_action(lexicon, i + 2, i + 2 + _COUNTED_WINDOW)
        if found is None and word == "will":
            found = _verb_after(lexicon, i + 1)
        if found is None and word in _COORDINATORS:
            found = _joined_verb(lexicon, i + 1, verb_form(head[0]))
        if found is not None:
            return found
        i += 1
    return None


def coordinated_skill(doc: Doc, verb: Span, lexicon: Lexicon) -> Span | None:
    """A second skill joined to the first by "and" or a list comma, in the same form ("read and write")."""
    inside_criteria: set[int] | None = None  # worked out at the first joiner: most targets have none
    form = verb_form(verb[0])
    depth = 0  # inside brackets: examples ("(ex. AAC, sign or picture icon)"), not skills
    for joiner in doc[verb.end :]:
        depth += (joiner.text == "(") - (joiner.text == ")")
        if joiner.lower_ not in _COORDINATORS or depth > 0:
            continue
        if inside_criteria is None:
            inside_criteria = covered(doc, MEASURES) | covered(doc, TIMES)
        if joiner.i in inside_criteria:
            continue
        after = joiner.i + 1
        if joiner.text == "," and after < len(doc) and doc[after].lower_ == "to":
            continue  # ", to improve safety": a purpose, not a second skill
        candidate = lexicon.spans.get(_skip(doc, after))
        if candidate is not None and candidate.label_ in VERB_LABELS and _joined_as_a_verb(doc, candidate, form):
            return candidate
    return None


def verb_form(token: Token) -> str:
    """Base, -s, -ing or other: two verbs joined as two skills share a form."""
    lowered = token.lower_
    if lowered == token.lemma_.lower():
        return "base"
    if lowered.endswith("ing"):
        return "ing"
    if lowered.endswith("s"):
        return "s"
    return "other"


def _skip(doc: Doc, i: int) -> int:
    """The first token from i that isn't a filler between a joiner and a verb ("and then", "and to be able to")."""
    while i < len(doc) and (doc[i].lower_ in _SKIPPED_BEFORE_VERB or doc[i].lower_.endswith("ly")):
        i += 1
    return i


def _words_at(doc: Doc, i: int, words: tuple[str, ...]) -> bool:
    return i + len(words) <= len(doc) and all(doc[i + k].lower_ == word for k, word in enumerate(words))


def _gerund_after(lexicon: Lexicon, i: int, *, unlisted: bool = False) -> Span | None:
    """ "by writing", "in completing": an observable action in its -ing form right after the preposition.

    Not a gerund that names a skill ("in *reading* comprehension"): one heading a quality noun. With `unlisted`
    (after "by", "through", "including", where the -ing word names the means), a verb we don't list counts too
    ("by *producing* target words"), as it does after "will": the vague verbs are a closed list.
    """
    doc = lexicon.doc
    start = _skip(doc, i)
    found = lexicon.observable_at(start)
    if found is None and unlisted and start < len(doc) and start not in lexicon.spans:
        token = doc[start]
        if _is_inflected_gerund(token) and could_be_a_verb(token.lemma_):
            found = doc[start : start + 1]
    if found is None or not found[0].lower_.endswith("ing"):
        return None
    if unlisted:
        return found  # after "by", "through", "including" the -ing word is the means: an action
    head = _noun_head(doc, found.end)
    return None if head is not None and doc[head].lower_ in word_lists().quality_nouns else found


def _noun_head(doc: Doc, start: int) -> int | None:
    """The last word of the noun phrase starting at `start` ("*target words* correctly" → "words"), if any."""
    head: int | None = None
    for i in range(start, min(len(doc), start + _NOUN_PHRASE_WINDOW)):
        token = doc[i]
        if not token.is_alpha or token.lower_ in _OBJECT_ENDS or token.lower_.endswith("ly"):
            break
        head = i
    return head


def _gerund_with_object(lexicon: Lexicon, i: int) -> Span | None:
    """ "skills in *accessing* local transport": an action with an object after a skill noun; a bare gerund
    there ("skills in reading") names the subject area."""
    found = _gerund_after(lexicon, i, unlisted=True)
    head = _noun_head(lexicon.doc, found.end) if found is not None else None
    if found is None or head is None:
        return None
    lists = word_lists()
    word = lexicon.doc[head].lower_
    return None if word in lists.quality_nouns or word in lists.area_nouns else found


def _is_inflected_gerund(token: Token) -> bool:
    """An -ing form the lemmatizer knows as a verb's ("producing" → "produce"), not a noun ("ceiling")."""
    return token.is_alpha and token.lower_.endswith("ing") and token.lemma_.lower() != token.lower_


def _joined_verb(lexicon: Lexicon, i: int, form: str) -> Span | None:
    """ "… and explain his reasoning": an observable verb joined to the head."""
    found = _verb_after(lexicon, i)
    return found if found is not None and _joined_as_a_verb(lexicon.doc, found, form) else None


def _joined_as_a_verb(doc: Doc, candidate: Span, form: str) -> bool:
    """A joined word is a verb in the head's own form, not a word in a list of nouns ("characters, plot and")."""
    after = doc[candidate.end].lower_ if candidate.end < len(doc) else ""
    return verb_form(candidate[0]) == form and after not in _COORDINATORS and after not in ("of", "or")


def _verb_after(lexicon: Lexicon, i: int) -> Span | None:
    return lexicon.observable_at(_skip(lexicon.doc, i))


def _any_action(lexicon: Lexicon, start: int, end: int) -> Span | None:
    for i in range(start, min(end, len(lexicon.doc))):
        if (found := lexicon.observable_at(i)) is not None:
            return found
    return None


def could_be_a_verb(word: str) -> bool:
    """An unlisted word after "will" is taken as an action unless its ending says adjective or noun ("academic")."""
    lowered = word.lower()
    return not any(
        lowered.endswith(suffix) and len(lowered) - len(suffix) >= _SHORTEST_STEM
        for suffix in word_lists().not_verb_suffixes
    )
