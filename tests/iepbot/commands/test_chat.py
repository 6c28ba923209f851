"""`iepbot chat`: the bot's dialogue in a terminal, on the SQLite default, answers kept between runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def chat(data_dir: Path, *lines: str, role: str = "teacher") -> str:
    """Run `iepbot chat --as role` as a fresh process with `lines` typed into it; its whole output."""
    environment = {**os.environ, "IEPBOT_DATA_DIR": str(data_dir)}
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "iepbot.cli", "chat", "--as", role],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=True,
    )
    return result.stdout


def test_a_target_typed_in_the_terminal_gets_smart_feedback(tmp_path: Path) -> None:
    output = chat(tmp_path, "Sam will read 20 CVC words.")
    assert "Signed in as Demo Teacher (Demo School)" in output
    assert "❌ Time-bound" in output
    assert "Suggested rewrite" in output
    assert "<b>" not in output  # the terminal shows text, not Telegram's HTML


def test_buttons_are_chosen_by_number_and_a_second_run_carries_on_where_the_first_stopped(tmp_path: Path) -> None:
    first = chat(tmp_path, "/new", "1", "Sam")
    assert "Which year group is Sam in?" in first
    assert "[3] Y2" in first
    second = chat(tmp_path, "/resume", "3")
    assert "Which year group is Sam in?" in second
    assert "main area of need" in second


SUBMIT_A_PLAN = [
    "/new",
    "1",
    "Sam",
    "3",
    "2",  # new pupil Sam, Year 2, cognition and learning
    "Blending sounds",
    "Knows Phase 2 sounds",
    "Dinosaurs",
    "2",
    "1",  # no greater needs, small step
    "Sam will read 20 CVC words aloud with 90% accuracy by February half term.",
    "1",
    "Precision teaching",
    "Word cards",
    "TA",
    "Daily",
    "18 of 20",
    "Weekly probe",
    "2",
    "1",
    "1",
    "1",
    "1",  # no more targets, suggested review date, skip, skip, submit
]


def test_a_plan_submitted_in_the_terminal_is_sent_to_the_demo_senco(tmp_path: Path) -> None:
    output = chat(tmp_path, *SUBMIT_A_PLAN)
    assert "is submitted and your SENCo has been told" in output
    assert "[sent to a colleague] 📥 Demo Teacher has submitted a plan for Sam" in output
    assert "[✅ Approve]   [↩️ Return with a comment]" in output, "shown, but not the teacher's to press"


def test_the_demo_senco_returns_the_plan_and_approves_it_once_revised(tmp_path: Path) -> None:
    chat(tmp_path, *SUBMIT_A_PLAN)
    returned = chat(tmp_path, "/review", "1", "2", "Please add Sam's view.", role="senco")
    assert "Plans waiting for your approval (1)" in returned
    assert "[sent to a colleague] ↩️ Demo SENCo has returned the plan for Sam" in returned
    revised = chat(tmp_path, "/plans", "1", "1", "6", "Sam likes the dinosaur word cards", "8")
    assert "SENCo's comment: Please add Sam's view." in revised
    assert "submitted again" in revised
    approved = chat(tmp_path, "/review", "1", "1", "/pupils", role="senco")
    assert "The plan for Sam is approved and now active" in approved
    assert "Demo Teacher: Sam will read 20 CVC words" in approved
