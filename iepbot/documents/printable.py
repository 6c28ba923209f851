"""The plan as a printable HTML page, from a Jinja2 template with escaping forced on.

The page is self-contained (styles inline, no scripts, no images, nothing fetched), so it prints the same
from a browser, an email attachment or a USB stick, and a teacher's "<" or "&" in a plan stays text.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

from iepbot.documents.plan_view import PlanPage


class PrintablePlan:
    """Renders `PlanPage`s as HTML. Build once and share: the compiled template is cached."""

    def __init__(self) -> None:
        self._environment = Environment(
            loader=PackageLoader("iepbot.documents", "templates/plan"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )

    def render(self, page: PlanPage) -> str:
        """The whole HTML document for `page`."""
        return self._environment.get_template("plan.html").render(page=page)
