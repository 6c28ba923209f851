"""Test doubles shared by the tests and the benches: a strict fake Telegram Bot API on 127.0.0.1, and running
PTB against it. A top-level package of the repository, not of the distribution (pyproject's package list
leaves it out): production never needs it, and `bench/` may not import `tests/`."""
