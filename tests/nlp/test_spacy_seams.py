"""The checker's ruler, with its gates and lexeme flags, finds exactly what spaCy's own SpanRuler finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer, SpanRuler
from spacy.util import filter_chain_spans

from nlp.pattern_files import FAMILIES, load_patterns
from nlp.pipeline import shared_pipeline
from nlp.spacy_seams import check_lookup_tables, lexical_attribute_getters, rule_keys

ROOT = Path(__file__).parents[2]


def _texts() -> list[str]:
    files = [
        ROOT / "tests" / "data" / "smart_targets.jsonl",
        *sorted((ROOT / "corpus" / "real_targets").glob("*.jsonl")),
    ]
    return [
        json.loads(line)["text"] for file in files for line in file.read_text(encoding="utf-8").splitlines() if line
    ]


def _plain_pipeline() -> Language:
    """Our lemmatizer, then one validating built-in SpanRuler per rule family, each with the rules as written."""
    plain = spacy.blank("en")
    plain.add_pipe("iep_lemmatizer", name="lemmatizer")
    for name, family in FAMILIES.items():
        plain.add_pipe(
            "span_ruler",
            name=f"plain_{name}",
            config={
                "spans_key": family.spans_key,
                "validate": True,
                "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
            },
        )
    plain.initialize()
    for name, family in FAMILIES.items():
        ruler = plain.get_pipe(f"plain_{name}")
        assert isinstance(ruler, SpanRuler)
        ruler.add_patterns(load_patterns(family))  # type: ignore[arg-type]
    return plain


@pytest.fixture(scope="module")
def plain() -> Language:
    return _plain_pipeline()


def test_our_ruler_finds_exactly_the_spans_a_plain_span_ruler_finds(plain: Language) -> None:
    ours = shared_pipeline()
    for text in _texts():
        ours_doc, plain_doc = ours(text), plain(text)
        for family in FAMILIES.values():
            got = {(s.label_, s.start, s.end, s.id_) for s in ours_doc.spans[family.spans_key]}
            spans = filter_chain_spans(plain_doc.spans[family.spans_key])
            want = {(s.label_, s.start, s.end, s.id_) for s in spans if s.label_ not in family.decoys}
            assert got == want, (family.file_name, text)


def test_the_private_attributes_we_use_are_there_and_mean_what_we_take() -> None:
    pipeline = shared_pipeline()
    ruler = pipeline.get_pipe("iep_rules")
    assert isinstance(ruler, SpanRuler)
    labels = {found["label"] for found in rule_keys(ruler).values()}
    assert labels == {label for family in FAMILIES.values() for label in family.labels}
    assert callable(lexical_attribute_getters(pipeline.vocab)[spacy.attrs.LOWER])
    lemmatizer = pipeline.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    check_lookup_tables(lemmatizer)
