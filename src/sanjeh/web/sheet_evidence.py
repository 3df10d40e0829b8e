"""What stands behind a submitted or rated value on a scorecard: the agency's note, links and files, and
the raters' scores with their comments — read from the ids the evaluation run stored as evidence.

The run keeps ids, not copies, so a scorecard shows the documents as they are now; a file deleted later
simply drops out of the list while the run's numbers stay as computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sanjeh.evaluation.models import EvidenceFile, Rating


@dataclass
class SheetEvidence:
    """One indicator's non-media evidence, ready for a template."""

    note: str = ""
    links: list[str] = field(default_factory=list)
    late: bool = False
    files: list[EvidenceFile] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.note or self.links or self.files or self.ratings)


def _ids(value: Any) -> list[int]:
    if isinstance(value, int) and not isinstance(value, bool):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, int) and not isinstance(v, bool)]
    return []


def sheet_evidence(evidence_by_code: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, SheetEvidence]:
    """Per indicator code, its submission's note/links/files and its ratings (two queries in all)."""
    found: dict[str, SheetEvidence] = {}
    submission_of: dict[int, str] = {}
    rating_ids: dict[int, str] = {}
    for code, evidence in evidence_by_code:
        if not isinstance(evidence, dict):
            continue
        item = SheetEvidence(
            note=str(evidence.get("note") or ""),
            links=[str(link) for link in evidence.get("links") or [] if isinstance(link, str)],
            late=bool(evidence.get("late")),
        )
        for sub in _ids(evidence.get("submission")):
            submission_of[sub] = code
        for rating in _ids(evidence.get("ratings")):
            rating_ids[rating] = code
        found[code] = item
    if submission_of:
        files = EvidenceFile.objects.filter(submission_id__in=submission_of).order_by("uploaded", "id")
        for f in files.only("id", "name", "size", "content_type", "submission_id", "agency_id"):
            found[submission_of[f.submission_id]].files.append(f)
    if rating_ids:
        ratings = Rating.objects.filter(id__in=rating_ids).order_by("item", "round", "id")
        for r in ratings.only("id", "indicator", "item", "round", "value", "comment"):
            found[rating_ids[r.id]].ratings.append(r)
    return {code: item for code, item in found.items() if item}
