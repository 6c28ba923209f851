"""The three places the checker reaches past spaCy's public API, kept together so an upgrade breaks here only.

Each is a documented-in-code attribute spaCy 3.7-3.8 has had for years but does not type or promise:
`tests/nlp/test_spacy_seams.py` checks every one against a plain spaCy pipeline, so a change in spaCy fails a
named test instead of changing verdicts quietly.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from spacy.errors import Errors as SpacyErrors
from spacy.pipeline import Lemmatizer, SpanRuler
from spacy.vocab import Vocab


def lexical_attribute_getters(vocab: Vocab) -> MutableMapping[int, Callable[[str], Any]]:
    """The vocabulary's lexical attribute functions by attribute id: where custom lexeme flags are registered
    (what `Vocab.add_flag` writes to, without its one-flag-at-a-time pass over the vocabulary)."""
    getters: MutableMapping[int, Callable[[str], Any]] = vocab.lex_attr_getters  # type: ignore[attr-defined]
    return getters


def rule_keys(ruler: SpanRuler) -> dict[int, dict[str, str]]:
    """The ruler's match key for each rule -> that rule's label and id (SpanRuler keeps no public map)."""
    keys: dict[int, dict[str, str]] = ruler._match_label_id_map
    return keys


def check_lookup_tables(lemmatizer: Lemmatizer) -> None:
    """Raise spaCy's own error if the lookup tables are missing, as `Lemmatizer.__call__` does on first use."""
    if not lemmatizer._validated:
        lemmatizer._validate_tables(SpacyErrors.E1004)
