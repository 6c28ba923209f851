"""Lemmas: spaCy's lookup lemmas, with capitalised words lemmatised in lower case, worked out once per word form."""

from __future__ import annotations

import json
from pathlib import Path

import spacy

from nlp.pipeline import shared_pipeline

LABELLED = Path(__file__).parents[1] / "data" / "smart_targets.jsonl"


def test_capitalised_words_are_lemmatised_in_lower_case() -> None:
    doc = shared_pipeline()("Reading by Easter, SAM WILL READ; Sam reads.")
    lemmas = [token.lemma_ for token in doc]
    assert lemmas == ["read", "by", "easter", ",", "sam", "will", "read", ";", "sam", "read", "."]


def test_lemmas_are_those_of_spacys_lookup_lemmatizer_for_every_labelled_target() -> None:
    reference = spacy.blank("en")
    reference.add_pipe("lemmatizer", config={"mode": "lookup"})
    reference.initialize()
    table = reference.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
    texts = [json.loads(line)["text"] for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    for text in texts + [text.upper() for text in texts]:
        expected = [
            table.get(token.lower_, token.lower_)
            if token.lemma_ == token.text and not token.is_lower and token.is_alpha
            else token.lemma_
            for token in reference(text)
        ]
        assert [token.lemma_ for token in shared_pipeline()(text)] == expected, text


def test_a_lemma_the_doc_already_has_is_kept() -> None:
    pipeline = shared_pipeline()
    doc = pipeline.make_doc("Sam reads")
    doc[1].lemma_ = "peruse"
    assert [token.lemma_ for token in pipeline.get_pipe("lemmatizer")(doc)] == ["sam", "peruse"]
