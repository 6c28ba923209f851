"""The four broad areas of need of the SEND Code of Practice: one vocabulary for checker, bank and plans."""

from __future__ import annotations

import enum


class Area(enum.StrEnum):
    """An area of need; the values are what files and databases store."""

    COMMUNICATION_AND_INTERACTION = "communication_and_interaction"
    COGNITION_AND_LEARNING = "cognition_and_learning"
    SOCIAL_EMOTIONAL_MENTAL_HEALTH = "social_emotional_mental_health"
    SENSORY_AND_PHYSICAL = "sensory_and_physical"

    @property
    def label(self) -> str:
        """The area as a teacher reads it ("Communication and interaction")."""
        return _LABELS[self]


_LABELS = {
    Area.COMMUNICATION_AND_INTERACTION: "Communication and interaction",
    Area.COGNITION_AND_LEARNING: "Cognition and learning",
    Area.SOCIAL_EMOTIONAL_MENTAL_HEALTH: "Social, emotional and mental health",
    Area.SENSORY_AND_PHYSICAL: "Sensory and/or physical",
}
