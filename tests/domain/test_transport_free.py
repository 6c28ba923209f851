"""The layers import one way: the rules know nothing of storage or Telegram, so every transport and every
database go through the same checks; and the benches measure the code, not the tests."""

from __future__ import annotations

import ast
from pathlib import Path

import iepbot

PACKAGE = Path(iepbot.__file__).parent
REPOSITORY = PACKAGE.parent

# What each part of iepbot may import from iepbot (besides itself), lowest first. The rules (domain) own the
# Protocols storage implements; the composition root (`bot.py`) and the commands wire everything together.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "config": {"errors"},
    "domain": set(),
    "storage": {"domain", "config", "errors"},
    "dialogue": {"domain"},
    "documents": {"dialogue", "domain"},
    "telegram": {"dialogue", "documents"},
    "console": {"dialogue", "documents", "domain"},
    "bot": {"config", "dialogue", "documents", "domain", "storage", "telegram"},
    "commands": {"bot", "config", "console", "dialogue", "documents", "domain", "errors", "storage", "telegram"},
    "cli": {"commands", "errors"},
    "testing": {"bot", "config", "dialogue", "documents", "domain", "storage", "telegram"},
}
# Third-party packages that belong to one layer: python-telegram-bot to the transport, SQLAlchemy to storage.
OWNED = {"telegram": {"telegram", "bot", "commands", "testing"}, "sqlalchemy": {"storage"}, "alembic": {"storage"}}


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports by absolute name, at the top or inside a function (lazy imports count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def layer_of(path: Path, package: Path = PACKAGE) -> str:
    return path.relative_to(package).parts[0].removesuffix(".py")


def arrows_against_the_layers(package: Path) -> dict[str, list[str]]:
    """Each module of `package` with the imports the table above does not allow it."""
    wrong: dict[str, list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        layer = layer_of(path, package)
        if layer == "__init__":
            continue
        for name in sorted(imported_modules(path)):
            top, _, rest = name.partition(".")
            inner = rest.split(".")[0]
            bad = (top == "iepbot" and inner and inner != layer and inner not in ALLOWED[layer]) or (
                top in OWNED and layer not in OWNED[top]
            )
            if bad:
                wrong.setdefault(str(path.relative_to(package)), []).append(name)
    return wrong


def test_every_part_of_iepbot_has_a_place_in_the_layers() -> None:
    parts = {layer_of(path) for path in PACKAGE.rglob("*.py")} - {"__init__"}
    assert parts <= set(ALLOWED), f"add {sorted(parts - set(ALLOWED))} to ALLOWED"


def test_the_layers_allow_no_circle() -> None:
    done: set[str] = set()

    def visit(layer: str, path: tuple[str, ...]) -> None:
        assert layer not in path, " -> ".join((*path, layer))
        if layer not in done:
            for lower in ALLOWED[layer]:
                visit(lower, (*path, layer))
            done.add(layer)

    for layer in ALLOWED:
        visit(layer, ())


def test_no_import_runs_up_the_layers_so_the_domain_never_imports_storage() -> None:
    assert arrows_against_the_layers(PACKAGE) == {}


def test_nothing_in_domain_or_storage_imports_telegram() -> None:
    files = [*(PACKAGE / "domain").rglob("*.py"), *(PACKAGE / "storage").rglob("*.py")]
    assert len(files) > 10
    assert [str(path) for path in files if any(n.split(".")[0] == "telegram" for n in imported_modules(path))] == []


def test_an_arrow_up_the_layers_fails_the_check(tmp_path: Path) -> None:
    fake = tmp_path / "iepbot"
    (fake / "domain").mkdir(parents=True)
    (fake / "domain" / "plans.py").write_text("from iepbot.storage.unit import Transaction\n", encoding="utf-8")
    (fake / "storage").mkdir()
    (fake / "storage" / "unit.py").write_text("def lazy():\n    import telegram\n", encoding="utf-8")
    assert arrows_against_the_layers(fake) == {
        "domain/plans.py": ["iepbot.storage.unit"],
        "storage/unit.py": ["telegram"],
    }


def test_the_benches_import_nothing_from_the_tests() -> None:
    scripts = sorted((REPOSITORY / "bench").glob("*.py"))
    assert scripts
    assert {
        script.name: names
        for script in scripts
        if (names := sorted(n for n in imported_modules(script) if n.split(".")[0] == "tests"))
    } == {}
