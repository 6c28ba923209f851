"""A bad data file fails on load with a message naming the file, the entry and the field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

import target_bank
from target_bank import BankFileError

TARGET = "{name} will count 5 objects with 100% accuracy in 4 out of 5 sessions by {deadline}."
STEP: dict[str, Any] = {
    "target": TARGET,
    "measure": "5 objects",
    "strategies": ["Feed the monster"],
    "resources": ["Counters"],
    "staffing": "Teaching assistant",
    "frequency": "10 minutes daily",
    "success_criteria": "Counts 5 objects",
    "monitoring": "Weekly tally",
}
VALID: dict[str, Any] = {
    "area": "cognition_and_learning",
    "progressions": [
        {
            "id": "cl-test-counting",
            "skill": "Counting objects",
            "strand": "number",
            "years": ["Reception", "Year 1"],
            "curriculum": {
                "year": "Reception",
                "subject": "Mathematics",
                "strand": "Number",
                "statement": "Count objects reliably",
            },
            "steps": [
                {"id": f"cl-test-counting-{n}", **STEP, "target": TARGET.replace("5 objects", f"{n} objects")}
                for n in (1, 2, 3)
            ],
        }
    ],
}


def write(tmp_path: Path, content: dict[str, Any], name: str = "cognition_and_learning.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    return path


def problems_of(*paths: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(BankFileError) as caught:
        target_bank.load_files(paths)
    assert "cognition_and_learning.yaml" in str(caught.value)
    return [(problem.file, problem.entry, problem.field) for problem in caught.value.problems]


def test_a_valid_file_loads_as_written(tmp_path: Path) -> None:
    bank = target_bank.load_files([write(tmp_path, VALID)])
    assert [step.id for step in bank.progression("cl-test-counting").steps] == [
        "cl-test-counting-1",
        "cl-test-counting-2",
        "cl-test-counting-3",
    ]


def test_unknown_key_is_named_with_its_step(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    content["progressions"][0]["steps"][1]["colour"] = "red"
    assert problems_of(write(tmp_path, content)) == [
        ("cognition_and_learning.yaml", "progression 'cl-test-counting', step 'cl-test-counting-2'", "colour")
    ]


def test_unknown_key_message_lists_the_allowed_keys(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    content["progressions"][0]["level"] = 3
    with pytest.raises(BankFileError, match=r"field 'level': unknown key \(allowed: id, skill, strand"):
        target_bank.load_files([write(tmp_path, content)])


def test_a_missing_field_is_named_in_the_error(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    del content["progressions"][0]["steps"][0]["monitoring"]
    with pytest.raises(BankFileError, match="required field is missing") as caught:
        target_bank.load_files([write(tmp_path, content)])
    assert [(p.entry, p.field) for p in caught.value.problems] == [
        ("progression 'cl-test-counting', step 'cl-test-counting-1'", "monitoring")
    ]


def test_duplicate_id_across_files_names_both_files(tmp_path: Path) -> None:
    first = write(tmp_path, VALID)
    second_dir = tmp_path / "copy"
    second_dir.mkdir()
    second = write(second_dir, VALID)
    with pytest.raises(BankFileError, match=r"duplicate id 'cl-test-counting' \(first used in cognition") as caught:
        target_bank.load_files([first, second])
    assert ("progression 'cl-test-counting'", "id") in [(p.entry, p.field) for p in caught.value.problems]


def test_duplicate_step_id_within_a_file_is_named(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    content["progressions"][0]["steps"][2]["id"] = "cl-test-counting-2"
    found = problems_of(write(tmp_path, content))
    assert ("cognition_and_learning.yaml", "progression 'cl-test-counting', step 'cl-test-counting-2'", "id") in found


def test_steps_out_of_order_are_rejected(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    steps = content["progressions"][0]["steps"]
    steps[0]["id"], steps[1]["id"] = steps[1]["id"], steps[0]["id"]
    with pytest.raises(BankFileError, match="step 1 must have id 'cl-test-counting-1'"):
        target_bank.load_files([write(tmp_path, content)])


def test_fewer_than_three_steps_are_rejected(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    del content["progressions"][0]["steps"][2]
    assert problems_of(write(tmp_path, content)) == [
        ("cognition_and_learning.yaml", "progression 'cl-test-counting'", "steps")
    ]


def test_repeated_step_target_is_rejected(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    steps = content["progressions"][0]["steps"]
    steps[2]["target"] = steps[1]["target"]
    with pytest.raises(BankFileError, match="field 'target': repeats an earlier step"):
        target_bank.load_files([write(tmp_path, content)])


def test_numeracy_progression_without_curriculum_is_rejected(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    del content["progressions"][0]["curriculum"]
    with pytest.raises(BankFileError, match="field 'curriculum': required for the 'number' strand"):
        target_bank.load_files([write(tmp_path, content)])


def test_curriculum_field_error_names_the_nested_field(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    content["progressions"][0]["curriculum"]["subject"] = "Maths"
    assert problems_of(write(tmp_path, content)) == [
        ("cognition_and_learning.yaml", "progression 'cl-test-counting'", "curriculum.subject")
    ]


def test_year_outside_reception_to_year_11_is_rejected(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    content["progressions"][0]["years"] = ["Reception", "Year 12"]
    with pytest.raises(BankFileError, match=r"field 'years\.1': .*'Year 12' is not a year"):
        target_bank.load_files([write(tmp_path, content)])


def test_target_without_placeholders_is_rejected(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    content["progressions"][0]["steps"][0]["target"] = "Sam will count 5 objects by Easter."
    with pytest.raises(BankFileError, match=r"step 'cl-test-counting-1', field 'target': must start"):
        target_bank.load_files([write(tmp_path, content)])


def test_area_must_match_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, VALID, name="communication_and_interaction.yaml")
    with pytest.raises(BankFileError, match="field 'area': 'cognition_and_learning' must equal the file name"):
        target_bank.load_files([path])


def test_id_prefix_must_match_the_area(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    content["progressions"][0]["id"] = "ci-test-counting"
    with pytest.raises(BankFileError, match="field 'id': must start with 'cl-'"):
        target_bank.load_files([write(tmp_path, content)])


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cognition_and_learning.yaml"
    path.write_text("area: cognition_and_learning\nprogressions:\n  - id: [unclosed\n", encoding="utf-8")
    assert problems_of(path)[0][:2] == ("cognition_and_learning.yaml", "line 4")


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    content = copy.deepcopy(VALID)
    del content["progressions"][0]["skill"]
    content["progressions"][0]["steps"][0]["staffing"] = ""
    assert {field for _, _, field in problems_of(write(tmp_path, content))} == {"skill", "staffing"}
