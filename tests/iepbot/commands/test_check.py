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
    assert report["deadline"] == "2027-03-25"
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
    assert reports[4] == {"line": 5, "error": 'a JSON object needs a "text" key holding the target as a string'}
    for report in reports[:4] + reports[5:]:
        assert set(report) >= REQUIRED_KEYS
        assert set(report["criteria"]) == CRITERIA
        for criterion in report["criteria"].values():
            assert {"met", "message", "evidence"} <= set(criterion)
    assert [report.get("is_smart") for report in reports] == [True, False, False, False, None, False]
    assert [report.get("verdict") for report in reports[2:]] == ["empty", "no_words", None, "not_english"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Sam will read a short paragraph and answer 3 questions about it by Easter.", "several_skills"),
        ("Sam will read 20 CVC words by 12/07/2025.", "deadline_passed"),
        ("Sam will read 20 CVC words by [date].", "deadline_placeholder"),
        ("Sam will read CVC words with ___% accuracy by Easter.", "measure_placeholder"),
    ],
)
def test_jsonl_reports_name_their_findings_by_code(capsys: pytest.CaptureFixture[str], text: str, code: str) -> None:
    assert main(["check", "--json", "--today", "2026-11-23", text]) == 0
    report = json.loads(capsys.readouterr().out)
    assert code in {finding["code"] for finding in report["findings"]}
    assert all(finding["message"] for finding in report["findings"])
    assert report["is_smart"] is (code == "several_skills")  # a warning; a blank or a passed date is unfinished


def test_a_file_that_cannot_be_read_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--jsonl", "/nonexistent/targets.jsonl"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("iepbot check: can't read /nonexistent/targets.jsonl")
    assert len(error.splitlines()) == 1


def test_bytes_that_are_not_utf8_are_replaced_not_a_traceback() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "iepbot.cli", "check", "--jsonl", "-"],
        input=b"Caf\xe9 will read 20 words by Easter.\n",
        capture_output=True,
        check=True,
        env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin"},
    )
    (report,) = [json.loads(line) for line in completed.stdout.decode().splitlines()]
    assert report["text"] == "Caf\ufffd will read 20 words by Easter."
