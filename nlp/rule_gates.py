"""Runs only the rules a target could match: a rule is tried only if the target has a token for each word it needs.

spaCy's compiled Matcher pays for every (token, rule) pair even when the rule's first token fails at once (it
enters and leaves the GIL state for each), so a hundred rules cost more than the rest of the check before anything
matches, while on the labelled targets only about one rule in ten could match at all. Each required token of a
rule (one not marked optional) names a word, a word list or pattern, a lemma or a number; if the target has no
token meeting one of them the rule cannot match, and is skipped. The check is necessary, never sufficient, so the
matches are exactly those of all the rules; the rules that pass are run by spaCy's Matcher, one small Matcher per
group of rules that need the same words.

A rule that is one word from a list ("OBSERVABLE": any of 260 verbs) needs no gate: spaCy's PhraseMatcher finds
every listed word with one look-up per token for all the lists, where the Matcher would
test each token against the list in Python.

What a word form meets is worked out from its lexeme once, the first time the checker sees that form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from spacy.attrs import LOWER
from spacy.errors import Errors
from spacy.lexeme import Lexeme
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp.spacy_seams import lexical_attribute_getters
from nlp.word_classes import FuzzyCompare, WordJudge, WordTest, word_test

_OPTIONAL = frozenset({"?", "*", "!"})
_WORD_ATTRS = {"LOWER": "lower", "ORTH": "orth", "TEXT": "orth", "LEMMA": "lemma"}

Condition = tuple[str, Any]  # ("lower"|"orth"|"lemma", frozenset of words) | ("test", WordTest) | ("number", None)


def required_conditions(pattern: list[dict[str, Any]]) -> list[Condition]:
    """What a target must contain for `pattern` (as written) to match: one condition per required attribute."""
    conditions: list[Condition] = []
    for token in pattern:
        if _required(str(token.get("OP", "1"))):
            conditions.extend(condition for attr, value in token.items() if (condition := _condition(attr, value)))
    return conditions


def _required(operator: str) -> bool:
    """ "1", "+" and "{n}"/"{n,m}" with n ≥ 1 need the token; "?", "*", "!" and "{,m}"/"{0,m}" don't."""
    if operator in _OPTIONAL:
        return False
    if operator.startswith("{"):
        least = operator[1:-1].split(",")[0]
        return bool(least) and int(least) > 0
    return True


def _words(value: Any) -> frozenset[str] | None:
    """The words an attribute may equal: `"read"` or `{"IN": ["read", "write"]}`; None for any other condition."""
    words = (
        [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) and len(value) == 1 else None
    )
    if isinstance(words, list) and all(isinstance(word, str) for word in words):
        return frozenset(words)
    return None


def _condition(attr: str, value: Any) -> Condition | None:
    kind, words = _WORD_ATTRS.get(attr.upper()), _words(value)
    if kind is not None and words is not None:
        return (kind, words)
    test = word_test(attr, value)
    if test is not None:
        return ("test", test)
    if attr.upper() == "LIKE_NUM" and value is True:
        return ("number", None)
    return None


def word_list(pattern: list[dict[str, Any]], lower: Callable[[str], str]) -> tuple[str, frozenset[str]] | None:
    """(attribute, words) if the pattern is one token equal to a word or one of a list, as a PhraseMatcher takes it.

    LOWER lists qualify only in lower case: the PhraseMatcher compares a listed word's own lower-case form, and
    `{"LOWER": "TA"}` matches nothing.
    """
    if len(pattern) != 1 or len(pattern[0]) != 1:
        return None
    ((attr, value),) = pattern[0].items()
    attr, words = {"TEXT": "ORTH"}.get(attr.upper(), attr.upper()), _words(value)
    if attr not in ("LOWER", "ORTH", "LEMMA") or words is None:
        return None
    if attr == "LOWER" and any(lower(word) != word for word in words):
        return None
    return attr, words


def _one_word(vocab: Vocab, attr: str, word: str) -> Doc:
    """A one-token pattern for the PhraseMatcher whose `attr` is `word`."""
    doc = Doc(vocab, words=[word])
    if attr == "LEMMA":
        doc[0].lemma_ = word
    return doc


class GatedMatcher:
    """Word-list rules in PhraseMatchers; the others in a Matcher per group that needs the same words, run only
    when the target has all of them."""

    def __init__(
        self,
        vocab: Vocab,
        rules: Iterable[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]],
        fuzzy_compare: FuzzyCompare,
        flags: Mapping[WordTest, str],
    ) -> None:
        """`rules` are (match key, pattern as written, pattern as the Matcher runs it) for rules already validated;
        `flags` are the word classes the vocabulary has, read from a word's lexeme rather than judged again."""
        self._vocab = vocab
        lower = lexical_attribute_getters(vocab)[LOWER]
        bits: dict[Condition, int] = {}
        groups: dict[int, Matcher] = {}
        self._lists: dict[str, PhraseMatcher] = {}
        self._uses_lemmas = False
        for key, written, runnable in rules:
            self._uses_lemmas |= any(str(attr).upper() == "LEMMA" for token in written for attr in token)
            listed = word_list(written, lower)
            if listed is not None:
                attr, words = listed
                phrases = self._lists.setdefault(attr, PhraseMatcher(vocab, attr=attr))
                phrases.add(key, [_one_word(vocab, attr, word) for word in sorted(words)])
                continue
            need = 0
            for condition in required_conditions(written):
                need |= 1 << bits.setdefault(condition, len(bits))
            matcher = groups.get(need)
            if matcher is None:
                matcher = groups[need] = Matcher(vocab, validate=False)
            matcher.add(key, [runnable])
        self._groups = list(groups.items())
        # where each condition's bit comes from: a word form's LOWER or ORTH, a token's lemma, a test, a number
        self._lower: dict[str, int] = {}
        self._orth: dict[str, int] = {}
        self._lemmas: dict[int, int] = {}  # lemma string id -> bits
        self._judges: list[tuple[WordJudge, int]] = []
        self._flags: list[tuple[int, int]] = []  # lexeme flag -> bit
        self._number = 0
        for (kind, value), bit in bits.items():
            if kind == "test" and value in flags:
                self._flags.append((int(flags[value].removeprefix("FLAG")), 1 << bit))
            elif kind == "test":
                self._judges.append((WordJudge(value, lower, fuzzy_compare), 1 << bit))
            elif kind == "number":
                self._number |= 1 << bit
            elif kind == "lemma":
                for word in value:
                    lemma = vocab.strings.add(word)
                    self._lemmas[lemma] = self._lemmas.get(lemma, 0) | 1 << bit
            else:
                forms = self._lower if kind == "lower" else self._orth
                for word in value:
                    forms[word] = forms.get(word, 0) | 1 << bit
        self._by_orth: dict[int, int] = {}  # word form -> the conditions it meets; grows with the vocabulary

    @property
    def groups(self) -> int:
        """How many Matchers the rules were grouped into."""
        return len(self._groups)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match key, start, end) for every match of every rule, like `Matcher.__call__` over all of them."""
        if self._uses_lemmas and not doc.has_annotation("LEMMA"):  # the Matcher's own check, once for all
            raise ValueError(Errors.E155.format(pipe="lemmatizer", attr="LEMMA"))
        present = 0
        by_orth, by_lemma = self._by_orth, self._lemmas
        for token in doc:
            meets = by_orth.get(token.orth)
            if meets is None:
                meets = by_orth[token.orth] = self._conditions_met(token.lex)
            present |= meets | by_lemma.get(token.lemma, 0)
        matches: list[tuple[int, int, int]] = []
        for phrases in self._lists.values():
            matches.extend(phrases(doc))
        for need, matcher in self._groups:
            if need & present == need:
                matches.extend(matcher(doc, allow_missing=True))
        return matches

    def _conditions_met(self, word: Lexeme) -> int:
        """The conditions a word form meets, read from its lexeme as the Matcher reads any token of it."""
        meets = self._lower.get(word.lower_, 0) | self._orth.get(word.orth_, 0)
        for flag, bit in self._flags:
            if word.check_flag(flag):
                meets |= bit
        for judge, bit in self._judges:
            if judge(word.orth_):
                meets |= bit
        return meets | (self._number if word.like_num else 0)
