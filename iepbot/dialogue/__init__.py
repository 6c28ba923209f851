"""The conversations as transport-free state machines: a turn in, replies out (Telegram, terminal, tests)."""
