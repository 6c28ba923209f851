"""Builds the spaCy pipeline once: blank English, lookup lemmatizer and our rule components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

import nlp.components  # noqa: F401  (registers our factories with spaCy)


def build_pipeline() -> Language:
    """A fresh pipeline; it needs no trained model, only spaCy's lookup tables."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("iep_lemmatizer", name="lemmatizer")
    pipeline.add_pipe("iep_span_rules", name="iep_rules")
    pipeline.add_pipe("iep_english_words")
    pipeline.initialize()
    return pipeline


@cache
def shared_pipeline() -> Language:
    """The one pipeline the process uses; spaCy pipelines are safe to share for inference."""
    return build_pipeline()
