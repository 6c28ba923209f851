"""The data-file schema: each key's type and shape, unknown keys rejected (pydantic does the checking)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from target_bank.years import parse_year_label

MAX_STATEMENT_WORDS = 20

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
YearLabel = Annotated[int, BeforeValidator(parse_year_label)]
KebabId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
SnakeName = Annotated[str, StringConstraints(pattern=r"^[a-z]+(_[a-z]+)*$")]


def _short_statement(value: str) -> str:
    if len(value.split()) > MAX_STATEMENT_WORDS:
        raise ValueError(f"a paraphrase of at most {MAX_STATEMENT_WORDS} words is expected")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class CurriculumEntry(_Strict):
    """`curriculum:` of a literacy or numeracy progression."""

    year: YearLabel
    subject: Literal["English", "Mathematics"]
    strand: Text
    statement: Annotated[Text, AfterValidator(_short_statement)]


class StepEntry(_Strict):
    """One item of `steps:`."""

    id: KebabId
    target: Text
    measure: Text
    strategies: Annotated[list[Text], Field(min_length=1)]
    resources: Annotated[list[Text], Field(min_length=1)]
    staffing: Text
    frequency: Text
    success_criteria: Text
    monitoring: Text


class ProgressionEntry(_Strict):
    """One item of `progressions:`."""

    id: KebabId
    skill: Text
    strand: SnakeName
    years: Annotated[list[YearLabel], Field(min_length=2, max_length=2)]
    curriculum: CurriculumEntry | None = None
    steps: Annotated[list[StepEntry], Field(min_length=3)]


class AreaFile(_Strict):
    """A whole data file: one area of need."""

    area: Text
    progressions: Annotated[list[ProgressionEntry], Field(min_length=1)]
