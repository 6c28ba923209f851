"""python-telegram-bot glue: updates become dialogue turns, replies become HTML messages."""
