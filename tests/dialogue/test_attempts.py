"""The invite-code attempt limiter: a sliding window per Telegram account, kept in memory and kept small."""

from __future__ import annotations

from iepbot.dialogue.attempts import MAX_ATTEMPTS, WINDOW_SECONDS, AttemptLimiter

GUESSER = 7001
SOMEONE_ELSE = 7002


class Clock:
    """Seconds that only move when the test moves them."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def limiter_on(clock: Clock) -> AttemptLimiter:
    return AttemptLimiter(clock=clock)


def test_five_attempts_are_allowed_and_the_sixth_in_the_window_is_refused() -> None:
    limiter = limiter_on(Clock())
    assert [limiter.allow(GUESSER) for _ in range(MAX_ATTEMPTS + 1)] == [True] * MAX_ATTEMPTS + [False]


def test_the_defaults_are_five_attempts_in_fifteen_minutes() -> None:
    assert (MAX_ATTEMPTS, WINDOW_SECONDS) == (5, 15 * 60)


def test_the_window_slides_one_attempt_at_a_time() -> None:
    clock = Clock()
    limiter = limiter_on(clock)
    start = clock.now
    for second in range(MAX_ATTEMPTS):  # one attempt a second
        clock.now = start + second
        assert limiter.allow(GUESSER)
    clock.now = start + WINDOW_SECONDS - 1
    assert not limiter.allow(GUESSER), "the first attempt is still inside the window"
    clock.now = start + WINDOW_SECONDS
    assert limiter.allow(GUESSER), "the first attempt has aged out, so one more is allowed"
    assert not limiter.allow(GUESSER), "…but only one: the other four are still inside the window"
    clock.now = start + WINDOW_SECONDS + 1
    assert limiter.allow(GUESSER), "the second attempt has aged out too"


def test_refused_attempts_do_not_extend_the_wait() -> None:
    clock = Clock()
    limiter = limiter_on(clock)
    start = clock.now
    for _ in range(MAX_ATTEMPTS):
        assert limiter.allow(GUESSER)
    for second in range(1, int(WINDOW_SECONDS)):  # hammering all through the window
        clock.now = start + second
        assert not limiter.allow(GUESSER)
    clock.now = start + WINDOW_SECONDS
    assert [limiter.allow(GUESSER) for _ in range(MAX_ATTEMPTS + 1)] == [True] * MAX_ATTEMPTS + [False]


def test_each_account_has_its_own_count() -> None:
    limiter = limiter_on(Clock())
    for _ in range(MAX_ATTEMPTS):
        limiter.allow(GUESSER)
    assert not limiter.allow(GUESSER)
    assert limiter.allow(SOMEONE_ELSE)


def test_an_account_whose_attempts_have_aged_out_is_forgotten() -> None:
    clock = Clock()
    limiter = limiter_on(clock)
    for account in range(1000):
        assert limiter.allow(account)
    assert len(limiter._attempts) == 1000
    clock.now += WINDOW_SECONDS
    assert limiter.allow(SOMEONE_ELSE)
    assert set(limiter._attempts) == {SOMEONE_ELSE}, "memory is bounded by recent guessers, not by all time"


def test_a_recent_account_is_remembered_while_idle_ones_are_dropped() -> None:
    clock = Clock()
    limiter = limiter_on(clock)
    for _ in range(MAX_ATTEMPTS):
        limiter.allow(GUESSER)
    clock.now += WINDOW_SECONDS - 1
    assert limiter.allow(SOMEONE_ELSE)
    assert not limiter.allow(GUESSER), "the guesser's attempts are still inside the window"
    assert set(limiter._attempts) == {GUESSER, SOMEONE_ELSE}
