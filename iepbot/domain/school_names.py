"""When two school names are the same school: "Oakfield primary" and "Oakfield Primary School" are.

Names are compared ignoring case, spacing, punctuation and the words that describe the kind of school
("school", "primary", "academy", "infant", "junior", "the"), because those are what an operator varies when
typing a name from memory. A second school registered by a slip splits a school's staff and plans in two,
while asking costs one flag (`--new-school`), so the comparison errs towards asking. Words that tell schools
apart ("secondary", "church", a place name) are kept: "Oakfield Secondary" is not "Oakfield Primary".
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")
_KIND_WORDS = frozenset({"school", "primary", "academy", "infant", "infants", "junior", "juniors", "the"})


def name_key(name: str) -> str:
    """The part of a school's name that identifies it: lower case words, the kind-of-school words left out.

    A name made only of those words keeps them all, so "The Academy" is still told apart from "Primary School".
    """
    words = _WORD.findall(name.casefold())
    kept = [word for word in words if word not in _KIND_WORDS]
    return " ".join(kept or words)
