"""Errors of the evaluation app."""

from sanjeh.errors import SanjehError


class EvaluationError(SanjehError):
    """A period, submission sheet or evaluation request is invalid (names the value and what is allowed)."""


class SheetImportError(EvaluationError):
    """A submission/rating sheet failed validation; nothing was written. Lists every bad cell."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:20])
        more = f"; … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the sheet, nothing imported: {shown}{more}")
