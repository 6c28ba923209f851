"""Every `--pupil ID` option says how to find a pupil's ID."""

from __future__ import annotations

import pytest

from iepbot.cli import main


@pytest.mark.parametrize("command", [["db", "export"], ["db", "erase"], ["export"]])
def test_the_help_of_pupil_id_names_the_command_that_lists_ids(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as finished:
        main([*command, "--help"])
    assert finished.value.code == 0
    assert "iepbot db pupils --school S" in " ".join(capsys.readouterr().out.split())
