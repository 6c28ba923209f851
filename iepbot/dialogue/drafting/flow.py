"""The /new flow's steps in order: pupil, guidance questions, targets, closing questions."""

from __future__ import annotations

from iepbot.dialogue.drafting import about, closing, pupil, targets
from iepbot.dialogue.steps import flow_of

NEW_PLAN = flow_of("new_plan", [*pupil.STEPS, *about.STEPS, *targets.STEPS, *closing.STEPS])
