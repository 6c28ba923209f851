"""Errors the command line turns into a one-line message, kept free of heavy imports so `iepbot` starts fast."""

from __future__ import annotations


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line an operator can act on (never the secret)."""
