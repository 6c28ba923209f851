"""`iepbot check`: readable feedback, a JSON report, and a JSONL stream in the same order as its input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from iepbot.cli import main

REQUIRED_KEYS = {"text", "is_smart", "deadline", "criteria"}
CRITERIA = {"specific", "measurable", "achievable", "relevant", "time_bound"}


def test_readable_feedback_has_one_line_per_criterion_and_the_rewrite(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--today", "2026-11-23", "Sam will read 20 CVC words"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Not yet SMART: needs to be time-bound."
    assert [line.split()[1] for line in lines[1:6]] == [
        "Specific",
        "Measurable",
        "Achievable",
        "Relevant",
        "Time-bound",
    ]
    assert lines[-1] == "Suggested rewrite: Sam will read 20 CVC words by February half term."


def test_check_with_json_prints_the_whole_report_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--json", "--today", "2026-11-23", "Sam will read 20 CVC words by Easter."])
    report = json.loads(capsys.readouterr().out)
    assert report["is_smart"] is True
    assert report["deadline"] == "2027-03-19"
    assert set(report["criteria"]) == CRITERIA


def test_jsonl_stream_answers_every_line_in_order() -> None:
    lines = [
        "Sam will read 20 CVC words by Easter.",
        json.dumps({"text": "Sam will understand fractions.", "id": 7}),
        "",
        "😀",
        '{"not_text": 1}',
        "Bydd Sam yn darllen",
    ]
    completed = subprocess.run(
        [sys.executable, "-m", "iepbot.cli", "check", "--jsonl", "-"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    reports = [json.loads(line) for line in completed.stdout.splitlines()]
    assert len(reports) == len(lines)
    assert [report["text"] for report in reports[:2]] == [lines[0], "Sam will understand fractions."]
    for report in reports:
        assert set(report) >= REQUIRED_KEYS
        assert set(report["criteria"]) == CRITERIA
        for criterion in report["criteria"].values():
            assert {"met", "message", "evidence"} <= set(criterion)
    assert [report["is_smart"] for report in reports] == [True, False, False, False, False, False]
    assert [report["verdict"] for report in reports[2:]] == ["empty", "no_words", "no_words", "not_english"]
