"""Our registered spaCy components: a lookup lemmatizer, the rule families run by the built-in SpanRuler, and an
English-word gauge.

No `from __future__ import annotations` here: spaCy validates `initialize` signatures at run time.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.lexeme import Lexeme
from spacy.lookups import Table
from spacy.pipeline import Lemmatizer, SpanRuler
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc, Span
from spacy.util import filter_chain_spans
from spacy.vocab import Vocab

from nlp.pattern_files import FAMILIES, PatternFamily, load_patterns
from nlp.rule_gates import GatedMatcher
from nlp.spacy_seams import check_lookup_tables, rule_keys
from nlp.word_classes import compiled, install_flags, word_tests

ENGLISH_RATIO = "iep_english_ratio"

if not Doc.has_extension(ENGLISH_RATIO):
    Doc.set_extension(ENGLISH_RATIO, default=None)


class FamiliesSpanRuler(SpanRuler):
    """The built-in SpanRuler running every rule family in one pass; each family's spans get their own group.

    One ruler rather than one per family: each SpanRuler call has a fixed cost per target before any matching
    (measured in docs/architecture.md#performance).
    Labels are unique across families, so a span's label names its family, and overlaps are settled within a
    family (the longest wins), as separate rulers would.

    Matching goes through `nlp.rule_gates`: word lists in PhraseMatchers, every other rule tried only when the
    target has the words it needs, its word tests as lexeme flags (`nlp.word_classes`). The flags aren't in
    spaCy's pattern schema, so the ruler doesn't validate again: `load_patterns` validated the rules as written.
    The SpanRuler still keeps every rule (its `patterns` and `labels`) and the matches are the same.
    """

    def __init__(self, nlp: Language, name: str, families: Sequence[PatternFamily]) -> None:
        super().__init__(nlp, name, spans_key=None, spans_filter=filter_chain_spans, validate=False, overwrite=True)
        self.families = tuple(families)
        self._spans_keys = {label: family.spans_key for family in self.families for label in family.labels}
        if len(self._spans_keys) != sum(len(family.labels) for family in self.families):
            raise ValueError("rule families must not share labels: a span's label must name its family")

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: Sequence[dict[str, Any]] | None = None,
    ) -> None:
        """SpanRuler.initialize clears the rules; load ours from the data files unless given others."""
        rules = list(patterns) if patterns else [rule for family in self.families for rule in load_patterns(family)]
        for rule in rules if patterns else ():
            problems = validate_token_pattern(rule["pattern"])
            if problems or rule["label"] not in self._spans_keys:
                raise ValueError(f"invalid rule for {rule['label']!r}: {problems or 'label of no family'}")
        flags = install_flags(self.nlp.vocab, word_tests(rule["pattern"] for rule in rules), self.matcher_fuzzy_compare)
        flagged = [{**rule, "pattern": compiled(rule["pattern"], flags)} for rule in rules]
        super().initialize(get_examples, nlp=nlp, patterns=flagged)  # type: ignore[arg-type]
        keys = [repr((rule["label"], rule.get("id", ""))) for rule in rules]  # SpanRuler's key for a rule
        written = [rule["pattern"] for rule in rules]
        runnable = [rule["pattern"] for rule in flagged]
        self._gated = GatedMatcher(
            self.nlp.vocab, zip(keys, written, runnable, strict=True), self.matcher_fuzzy_compare, flags
        )
        strings = self.nlp.vocab.strings
        self._label_and_id = {  # match key -> the rule's label and id, as string ids
            key: (strings.add(found["label"]), strings.add(found["id"])) for key, found in rule_keys(self).items()
        }
        self._spans_key_of = {strings.add(label): spans_key for label, spans_key in self._spans_keys.items()}
        self._decoys = {strings.add(label) for family in self.families for label in family.decoys}

    def match(self, doc: Doc) -> list[Span]:
        """SpanRuler.match, trying only the rules the target has the words for (`nlp.rule_gates`).

        Matches are deduplicated and ordered as (start, end, label, id) before any Span is made: the order
        SpanRuler gets from sorting Spans (by characters, label, id), without comparing Span objects.
        """
        found = {(start, end, *self._label_and_id[key]) for key, start, end in self._gated(doc) if start != end}
        return [Span(doc, start, end, label=label, span_id=span_id) for start, end, label, span_id in sorted(found)]

    def set_annotations(self, doc: Doc, matches: list[Span]) -> None:
        """Each family's spans in its own group, overlaps settled within the family, look-alikes then dropped."""
        groups: dict[str, list[Span]] = {family.spans_key: [] for family in self.families}
        for span in matches:
            groups[self._spans_key_of[span.label]].append(span)
        for key, spans in groups.items():
            doc.spans[key] = [span for span in filter_chain_spans(spans) if span.label not in self._decoys]


@Language.factory("iep_span_rules", default_config={"families": sorted(FAMILIES)})
def make_span_rules(nlp: Language, name: str, families: list[str]) -> FamiliesSpanRuler:
    """A ruler for the named rule families ("lexicon", "measures", "time"); overlaps keep the longest."""
    unknown = set(families) - set(FAMILIES)
    if unknown:
        raise ValueError(f"unknown pattern families {sorted(unknown)}; expected some of {sorted(FAMILIES)}")
    return FamiliesSpanRuler(nlp, name, [FAMILIES[family] for family in families])


def lemma_table(nlp: Language, lemmatizer_name: str) -> Table:
    """The lookup lemmatizer's table of inflected form -> lemma (loaded by its own initialisation)."""
    lemmatizer = nlp.get_pipe(lemmatizer_name)
    if not isinstance(lemmatizer, Lemmatizer):
        raise TypeError(f"{lemmatizer_name!r} is not a lemmatizer")
    return lemmatizer.lookups.get_table("lemma_lookup")


class WordFormLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer, working each word form out once, and lemmatising capitalised words in lower case.

    The lookup table is case-sensitive, so a target's first word (or a shouted "WILL READ") would keep its own
    form as lemma and miss every verb rule: "Reading by Easter" must start with the verb "read".

    A lookup lemma depends on nothing but the word form, so each form's lemma is kept (the cache grows with the
    vocabulary): a dictionary look-up per token instead of the built-in component's method calls, table look-up
    and string interning, repeated for every token of every target.
    """

    def __init__(self, vocab: Vocab, name: str) -> None:
        super().__init__(vocab, None, name, mode="lookup", overwrite=False)
        self._lemmas: dict[int, int] = {}  # word form -> lemma (string ids)

    def __call__(self, doc: Doc) -> Doc:
        """Lemmas for the tokens that have none, as the lookup lemmatizer would set them."""
        check_lookup_tables(self)
        lemmas = self._lemmas
        for token in doc:
            if token.lemma == 0:
                lemma = lemmas.get(token.orth)
                if lemma is None:
                    lemma = lemmas[token.orth] = self.vocab.strings.add(self._lemma_of(token.lex))
                token.lemma = lemma
        return doc

    def _lemma_of(self, word: Lexeme) -> str:
        lemma = self._looked_up(word.orth_)
        if lemma == word.orth_ and not word.is_lower and word.is_alpha:
            return self._looked_up(word.lower_)
        return lemma

    def _looked_up(self, form: str) -> str:
        """`Lemmatizer.lookup_lemmatize` for a word form: the table's first lemma, or the form itself."""
        found = self.lookups.get_table("lemma_lookup").get(form, form)
        return found if isinstance(found, str) else str(found[0])


@Language.factory("iep_lemmatizer")
def make_word_form_lemmatizer(nlp: Language, name: str) -> WordFormLemmatizer:
    """Factory for the lookup lemmatizer that lemmatises capitalised words in lower case."""
    return WordFormLemmatizer(nlp.vocab, name)


_NOT_A_WORD, _UNKNOWN, _KNOWN = 0, 1, 2  # what a word form is, to the English-word gauge


class EnglishWordGauge:
    """Sets doc._.iep_english_ratio: the share of words found in the English lemma tables.

    No language-identification model is available offline; the lookup tables already loaded for the
    lemmatizer know about 60,000 English word forms, which separates English from other languages well.
    Whether a word form is a word, and a known one, is worked out once per form (it depends on nothing else).
    """

    def __init__(self, lemmatizer_name: str) -> None:
        self._lemmatizer_name = lemmatizer_name
        self._known: frozenset[str] = frozenset()
        self._inflected: Any = None
        self._kinds: dict[int, int] = {}  # word form -> _NOT_A_WORD, _UNKNOWN or _KNOWN

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language) -> None:
        """Take the word lists from the lemmatizer's lookups once, after it has loaded them."""
        table = lemma_table(nlp, self._lemmatizer_name)
        self._inflected = table
        self._known = frozenset(str(lemma).lower() for lemma in table.values()) | STOP_WORDS

    def __call__(self, doc: Doc) -> Doc:
        kinds = self._kinds
        words = known = 0
        for token in doc:
            kind = kinds.get(token.orth)
            if kind is None:
                kind = kinds[token.orth] = self._kind(token.lex)
            words += kind != _NOT_A_WORD
            known += kind == _KNOWN
        if words:
            doc._.set(ENGLISH_RATIO, known / words)
        return doc

    def _kind(self, word: Lexeme) -> int:
        if not word.is_alpha:
            return _NOT_A_WORD
        return _KNOWN if word.lower_ in self._known or word.lower_ in self._inflected else _UNKNOWN


@Language.factory("iep_english_words", default_config={"lemmatizer_name": "lemmatizer"})
def make_english_word_gauge(nlp: Language, name: str, lemmatizer_name: str) -> EnglishWordGauge:
    """Factory for the English-word gauge; it reads the named lemmatizer's tables at initialisation."""
    return EnglishWordGauge(lemmatizer_name)
