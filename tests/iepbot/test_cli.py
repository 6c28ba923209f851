"""The command line: a bad setting is one line and exit code 2 for every command that reads settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from iepbot.cli import main


@pytest.mark.parametrize(
    "command",
    [
        ["db", "upgrade"],
        ["db", "retention"],
        ["db", "export", "--pupil", "1"],
        ["invite", "--school", "Oakfield Primary", "--role", "teacher"],
        ["chat"],
        ["run"],
    ],
)
def test_a_malformed_setting_is_one_line_naming_it_never_a_traceback(
    command: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env file from the developer's checkout
    monkeypatch.setenv("IEPBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("IEPBOT_RETENTION_YEARS", "three")
    assert main(command) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "IEPBOT_RETENTION_YEARS" in error
    assert "Traceback" not in error
