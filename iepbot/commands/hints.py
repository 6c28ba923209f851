"""Help text shared by commands: one wording, so every `--pupil ID` says the same about finding an ID."""

from __future__ import annotations

PUPIL_ID_HELP = "the pupil's ID number; `iepbot db pupils --school S` lists a school's pupils with their IDs"
