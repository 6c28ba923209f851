"""The rules and storage know nothing of Telegram, so every transport goes through the same checks."""

from __future__ import annotations

import ast
from pathlib import Path

import iepbot

PACKAGE = Path(iepbot.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_nothing_in_domain_or_storage_imports_telegram() -> None:
    files = [*(PACKAGE / "domain").rglob("*.py"), *(PACKAGE / "storage").rglob("*.py")]
    assert len(files) > 10
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            name for name in _imported_modules(path) if name.split(".")[0] == "telegram"
        )
        for path in files
    }
    assert {path: names for path, names in offenders.items() if names} == {}
