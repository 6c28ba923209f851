"""How often one Telegram account may try an invite code: guessing must be hopeless as well as slow.

Kept in memory, not in the database: a stranger's attempts are exactly the data we promise not to store.
A restart forgets the counts, which costs a guesser nothing they could use against 128-bit codes.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

MAX_ATTEMPTS = 5
WINDOW_SECONDS = 15 * 60.0


class AttemptLimiter:
    """At most `max_attempts` tries per account in any `window` seconds (a sliding window)."""

    def __init__(
        self,
        *,
        max_attempts: int = MAX_ATTEMPTS,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_attempts = max_attempts
        self._window = window
        self._clock = clock
        self._attempts: dict[int, deque[float]] = {}

    def allow(self, account: int) -> bool:
        """Count one attempt by `account`; False when it is over the limit (the attempt is not made)."""
        now = self._clock()
        recent = self._attempts.setdefault(account, deque())
        while recent and now - recent[0] >= self._window:
            recent.popleft()
        if len(recent) >= self._max_attempts:
            return False
        recent.append(now)
        self._forget_idle(now)
        return True

    def _forget_idle(self, now: float) -> None:
        """Drop accounts whose attempts have all aged out, so memory stays bounded by recent guessers."""
        idle = [account for account, times in self._attempts.items() if not times or now - times[-1] >= self._window]
        for account in idle:
            del self._attempts[account]
