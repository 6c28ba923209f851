"""`iepbot chat`: the bot's dialogue in a terminal, on the SQLite default, answers kept between runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def _environment(data_dir: Path) -> dict[str, str]:
    environment = {**os.environ, "IEPBOT_DATA_DIR": str(data_dir)}
    environment.pop("DATABASE_URL", None)
    return environment


def chat(data_dir: Path, *lines: str, role: str = "teacher") -> str:
    """Run `iepbot chat --as role` as a fresh process with `lines` typed into it; its whole output."""
    environment = _environment(data_dir)
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


def test_a_restart_shows_the_pending_question_and_its_buttons_take_a_number(tmp_path: Path) -> None:
    chat(tmp_path, "/new", "1", "Sam")
    second = chat(tmp_path, "3")
    assert second.index("Which year group is Sam in?") < second.index("[3] Y2") < second.index("main area of need")


def test_a_restart_outside_a_flow_shows_nothing_and_changes_nothing(tmp_path: Path) -> None:
    chat(tmp_path, "/new", "1", "Sam", "/cancel")
    second = chat(tmp_path, "/resume")
    assert "Which pupil is it for?" not in second.split("/resume")[0]
    assert "Which year group is Sam in?" in second, "the parked plan is still there to resume"


def test_a_buttons_label_typed_in_any_case_without_its_emoji_presses_it(tmp_path: Path) -> None:
    typed = ["/new", "add a pupil", "Sam", "y2", "Cognition and learning", "Blending", "Phase 2", "Lego", "no"]
    output = chat(tmp_path, *typed)
    assert "Which year group is Sam in?" in output
    assert "Please choose one of the buttons" not in output
    assert "Small step" in output, "No at greater needs leads on to the step size"


def test_edit_by_number_at_the_suggestion_menu_after_a_restart_asks_for_the_target_again(tmp_path: Path) -> None:
    chat(tmp_path, *SUBMIT_A_PLAN[:10], "Sam will get better at reading.")
    again = chat(tmp_path, "2")
    assert again.index("[2] ✏️ Edit") < again.index("Type the target for Sam")
    assert "I couldn't find any words to check" not in again


def test_ctrl_c_says_goodbye_without_a_traceback(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "iepbot.cli", "chat"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(tmp_path),
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("/new\n")
    process.stdin.flush()
    seen = ""
    while "Add a pupil" not in seen:
        seen += process.stdout.readline()
    process.send_signal(signal.SIGINT)
    output, errors = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "Bye." in output
    assert errors == ""


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
    revised = chat(tmp_path, "/plans", "1", "1", "6", "Sam likes the dinosaur word cards", "Submit again to the SENCo")
    assert "SENCo's comment: Please add Sam's view." in revised
    assert "submitted again" in revised
    approved = chat(tmp_path, "/review", "1", "1", "/pupils", role="senco")
    assert "The plan for Sam is approved and now active" in approved
    assert "Demo Teacher: Sam will read 20 CVC words" in approved


def test_target_1_is_changed_from_the_summary_in_the_terminal_and_the_summary_comes_back(tmp_path: Path) -> None:
    output = chat(tmp_path, *SUBMIT_A_PLAN[:-1], "target 1", "teaching strategy", "Phonics games", "1")
    assert "Plan for Sam (Year 2)" in output
    assert "Strategy: Phonics games" in output
    assert "is submitted and your SENCo has been told" in output


def test_back_then_keep_in_the_terminal_keeps_the_answer_shown(tmp_path: Path) -> None:
    output = chat(tmp_path, *SUBMIT_A_PLAN[:-3], "Reading at bedtime", "/back", "keep as it is", "skip")
    assert "[1] Keep as it is   [2] Clear it" in output
    assert "Support from home: Reading at bedtime" in output
