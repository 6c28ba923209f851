"""The heavy, shared, read-only things every turn uses: loaded once at start and passed down."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from iepbot.dialogue.attempts import AttemptLimiter

if TYPE_CHECKING:
    from nlp import GuidanceAnswers, SchoolCalendar, SmartReport
    from target_bank import Bank


class Checker:
    """`nlp.check_target` behind a name the dialogue can be given (the checker loads spaCy once)."""

    def __call__(
        self,
        text: str,
        *,
        today: date,
        calendar: SchoolCalendar | None = None,
        guidance: GuidanceAnswers | None = None,
    ) -> SmartReport:
        from nlp import check_target

        return check_target(text, today=today, calendar=calendar, guidance=guidance)


@dataclass(frozen=True, slots=True)
class Services:
    """What the flows need besides the database: the checker, the bank, the bot's name, the date."""

    bank: Bank
    check: Checker = field(default_factory=Checker)
    bot_username: str | None = None
    today: Callable[[], date] = date.today
    invite_attempts: AttemptLimiter = field(default_factory=AttemptLimiter)


def load_services(*, bot_username: str | None = None) -> Services:
    """Load the bank and warm the checker so the first teacher does not wait for spaCy."""
    import target_bank

    services = Services(bank=target_bank.load(), bot_username=bot_username)
    services.check("Sam will read 10 words by Easter.", today=services.today())
    return services
