"""Messages from templates: Telegram HTML rendering, splitting for Telegram's limits, plain text for a terminal.

renderer = MessageRenderer()                     # once, at start; shared by every chat
for part in split_html(renderer.render(reply)):  # Telegram, parse mode HTML
    ...
print(to_plain(renderer.render(reply)))          # `iepbot chat`
"""

from iepbot.documents.messages import MessageRenderer
from iepbot.documents.plain import to_plain
from iepbot.documents.splitting import split_html

__all__ = ["MessageRenderer", "split_html", "to_plain"]
