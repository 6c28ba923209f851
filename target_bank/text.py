"""Light normalisation shared by indexing and querying: lower-case words, suffixes stripped, stop words out.

A handful of suffix rules instead of a full stemmer or spaCy's lemmatizer: both sides of the match go
through the same function, so consistency matters more than linguistics, and it keeps loading cheap.
"""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[a-z0-9]+")
_PLACEHOLDER = re.compile(r"\{(name|deadline)\}")
# Longest first; each (suffix, replacement) applies only when at least 3 letters remain.
_SUFFIXES = (
    ("isation", "is"),
    ("ization", "is"),
    ("ation", "at"),
    ("ies", "y"),
    ("ing", ""),
    ("ed", ""),
    ("ly", ""),
    ("es", ""),
    ("s", ""),
)
_KEEP_FINAL_S = ("ss", "us", "is")
_KEEP_DOUBLE = frozenset("lsz")

_STOP_WORDS = """a about above after again all also am an and any are as at be been before being below between both but
    by can could did do does doing down during each few for from further had has have having he her here hers
    him his how i if in into is it its just me more most my no nor not now of off on once only or other our
    out over own same she should so some such than that the their them then there these they this those
    through to too under until up very was we were what when where which while who whom why will with would
    you your pupil pupils child children student students x"""


@functools.lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """Strip one common suffix, a doubled final consonant, a final "e"; "organize" and "organise" meet."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(_KEEP_FINAL_S):
                break
            word = word[: -len(suffix)] + replacement
            if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in _KEEP_DOUBLE:
                word = word[:-1]
            break
    if len(word) >= 3 and word.endswith("e"):
        word = word[:-1]
    if word.endswith("iz"):
        word = word[:-2] + "is"
    return word


def stems(text: str) -> list[str]:
    """Every word of the text, stemmed, in order (stop words kept so phrases can still be matched)."""
    plain = _PLACEHOLDER.sub(" ", text).lower().replace("'", "").replace("\u2019", "")
    return [stem(word) for word in _WORD.findall(plain)]


STOP_WORDS = frozenset(stem(word) for word in _STOP_WORDS.split())


def content(tokens: list[str]) -> list[str]:
    """The tokens that carry meaning: stop words (stemmed like everything else) and single letters dropped."""
    return [token for token in tokens if len(token) > 1 and token not in STOP_WORDS]
