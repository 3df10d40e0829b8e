"""Registry import and export: validate every row first, then write all of it in one transaction.

Nothing is half-imported: a file with any invalid row changes nothing and the error lists every
problem as `file: section row N: field: what was expected`. Rows are upserted by natural key (peer
group and agency `code`, outlet `name`, official person+role+agency+start), so re-importing is safe.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jdatetime
from django.core.exceptions import ValidationError
from django.db import transaction

from sanjeh.audit.services import record as audit_record
from sanjeh.audit.services import snapshot
from sanjeh.errors import SanjehError
from sanjeh.registry.choices import DEFAULT_TIER_WEIGHT, OutletKind
from sanjeh.registry.exchange import Location, Row, read_rows, write_tables
from sanjeh.registry.models import Agency, Official, Outlet, PeerGroup
from sanjeh.text.digits import to_latin_digits

_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class RegistryImportError(SanjehError):
    """One or more rows are invalid; `problems` lists each as 'file: section row N: field: expected'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:5]) + (f"; … and {len(problems) - 5} more" if len(problems) > 5 else "")
        super().__init__(f"{len(problems)} invalid row(s), nothing imported: {shown}")


@dataclass
class ImportReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, dict[str, int]]:
        return {"created": dict(self.created), "updated": dict(self.updated)}


def parse_day(value: Any) -> dt.date | None:
    """A date from a registry cell: ISO Gregorian or Jalali (year < 1700), Persian or Latin digits."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(to_latin_digits(str(value).strip()))
    if not match:
        raise ValueError("expected a date like 1403-01-15 (Jalali) or 2024-04-03")
    year, month, day = map(int, match.groups())
    try:
        if year < 1700:
            return jdatetime.date(year, month, day).togregorian()
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a valid date ({exc})") from None


def jalali(day: dt.date | None) -> str | None:
    return None if day is None else jdatetime.date.fromgregorian(date=day).strftime("%Y-%m-%d")


class _Checker:
    """Collects problems for one row: each accessor returns a clean value or records what was expected."""

    def __init__(self, row: Row, problems: list[str]) -> None:
        self.row, self.problems = row, problems

    def problem(self, name: str, message: str) -> None:
        self.problems.append(f"{self.row.location}: {name}: {message}")

    def text(self, name: str, *, required: bool = False, max_length: int = 300) -> str:
        value = self.row.values.get(name)
        text = "" if value is None else str(value).strip()
        if required and not text:
            self.problem(name, "required, got nothing")
        elif len(text) > max_length:
            self.problem(name, f"at most {max_length} characters, got {len(text)}")
        return text

    def slug(self, name: str) -> str:
        text = self.text(name, required=True, max_length=64)
        if text and not _SLUG.match(text):
            self.problem(name, f"{text!r} is not a code; use lower-case Latin letters, digits, - and _")
        return text

    def strings(self, name: str) -> list[str]:
        value = self.row.values.get(name) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(name, "expected a list of names")
            return []
        return [v.strip() for v in value if v.strip()]

    def day(self, name: str) -> dt.date | None:
        try:
            return parse_day(self.row.values.get(name))
        except ValueError as exc:
            self.problem(name, f"{self.row.values.get(name)!r}: {exc}")
            return None

    def number(self, name: str, default: float) -> float:
        value = self.row.values.get(name)
        if value in (None, ""):
            return default
        try:
            number = float(to_latin_digits(str(value)))
        except ValueError:
            self.problem(name, f"{value!r} is not a number")
            return default
        if number <= 0:
            self.problem(name, f"{number} must be positive")
        return number

    def integer(self, name: str) -> int:
        value = self.row.values.get(name)
        if value in (None, ""):
            return 0
        try:
            return int(to_latin_digits(str(value)))
        except ValueError:
            self.problem(name, f"{value!r} is not a whole number")
            return 0

    def boolean(self, name: str) -> bool:
        value = self.row.values.get(name)
        if value in (None, ""):
            return False
        if isinstance(value, bool):
            return value
        lowered = str(value).strip().lower()
        if lowered in {"true", "yes", "1", "بله"}:
            return True
        if lowered in {"false", "no", "0", "خیر"}:
            return False
        self.problem(name, f"{value!r} is not true/false")
        return False


def import_registry(*, path: Path, actor: Any = None) -> ImportReport:
    """Validate every row of `path`, then upsert all of them atomically, each change audited."""
    rows = read_rows(path)
    problems: list[str] = []
    plan: list[tuple[str, Location, dict[str, Any]]] = []
    groups = set(PeerGroup.objects.values_list("code", flat=True))
    agencies = set(Agency.objects.values_list("code", flat=True))
    for row in rows:
        check = _Checker(row, problems)
        section = row.location.section
        if section == "peer_groups":
            record = {
                "code": check.slug("code"),
                "name": check.text("name", required=True, max_length=200),
                "order": check.integer("order"),
            }
            groups.add(record["code"])
        elif section == "agencies":
            record = {
                "code": check.slug("code"),
                "name": check.text("name", required=True),
                "aliases": check.strings("aliases"),
                "parent": check.text("parent", max_length=64),
                "peer_group": check.text("peer_group", required=True, max_length=64),
                "province": check.text("province", max_length=100),
                "active_from": check.day("active_from"),
                "active_to": check.day("active_to"),
            }
            if record["peer_group"] and record["peer_group"] not in groups:
                check.problem(
                    "peer_group",
                    f"{record['peer_group']!r} is not a peer group code; "
                    f"expected one of {', '.join(sorted(groups))}",
                )
            if record["active_from"] and record["active_to"] and record["active_to"] < record["active_from"]:
                check.problem("active_to", "must not be before active_from")
            agencies.add(record["code"])
        elif section == "officials":
            record = {
                "person": check.text("person", required=True, max_length=200),
                "honorific": check.text("honorific", max_length=100),
                "role_title": check.text("role_title", required=True, max_length=200),
                "agency": check.text("agency", required=True, max_length=64),
                "is_spokesperson": check.boolean("is_spokesperson"),
                "start": check.day("start"),
                "end": check.day("end"),
            }
            if record["start"] and record["end"] and record["end"] < record["start"]:
                check.problem("end", "must not be before start")
        else:
            kind = check.text("kind", max_length=32) or OutletKind.SITE.value
            if kind not in OutletKind.values:
                check.problem(
                    "kind", f"{kind!r} is not an outlet kind; expected one of {', '.join(OutletKind.values)}"
                )
                kind = OutletKind.SITE.value
            record = {
                "name": check.text("name", required=True, max_length=200),
                "aliases": check.strings("aliases"),
                "domains": check.strings("domains"),
                "kind": kind,
                "tier_weight": check.number("tier_weight", DEFAULT_TIER_WEIGHT[OutletKind(kind)]),
            }
        plan.append((section, row.location, record))
    for section, location, record in plan:  # references need the whole file read first
        if section == "agencies" and record["parent"] and record["parent"] not in agencies:
            problems.append(f"{location}: parent: {record['parent']!r} is not an agency code in the registry")
        if section == "officials" and record["agency"] and record["agency"] not in agencies:
            problems.append(f"{location}: agency: {record['agency']!r} is not an agency code in the registry")
    if problems:
        raise RegistryImportError(problems)
    return _apply(plan, actor=actor, label=f"registry import {path.name}")


def _upsert(model: Any, lookup: dict[str, Any], defaults: dict[str, Any], *, actor: Any, label: str) -> bool:
    """`update_or_create` with an audit entry (before → after) when the row is new or changed."""
    old = model.objects.filter(**lookup).first()
    before = snapshot(old) if old is not None else None
    obj, created = model.objects.update_or_create(**lookup, defaults=defaults)
    after = snapshot(obj)
    if before != after:
        audit_record(actor=actor, action="import", instance=obj, before=before, after=after, label=label)
    return created


@transaction.atomic
def _apply(plan: list[tuple[str, Location, dict[str, Any]]], *, actor: Any, label: str) -> ImportReport:
    report = ImportReport()

    def count(section: str, created: bool) -> None:
        (report.created if created else report.updated)[section] += 1

    parents: list[tuple[str, str]] = []
    for section, _location, record in plan:
        if section == "peer_groups":
            created = _upsert(
                PeerGroup,
                {"code": record["code"]},
                {"name": record["name"], "order": record["order"]},
                actor=actor,
                label=label,
            )
        elif section == "agencies":
            parent = record.pop("parent")
            if parent:
                parents.append((record["code"], parent))
            group = PeerGroup.objects.get(code=record.pop("peer_group"))
            created = _upsert(
                Agency,
                {"code": record.pop("code")},
                {**record, "peer_group": group},
                actor=actor,
                label=label,
            )
        elif section == "officials":
            agency = Agency.objects.get(code=record.pop("agency"))
            lookup = {
                "person": record.pop("person"),
                "role_title": record.pop("role_title"),
                "agency": agency,
                "start": record.pop("start"),
            }
            created = _upsert(Official, lookup, record, actor=actor, label=label)
        else:
            created = _upsert(Outlet, {"name": record.pop("name")}, record, actor=actor, label=label)
        count(section, created)
    for code, parent in parents:
        child = Agency.objects.get(code=code)
        before = snapshot(child)
        child.parent = Agency.objects.get(code=parent)
        child.save(update_fields=["parent"])
        if before != snapshot(child):
            after = snapshot(child)
            audit_record(
                actor=actor, action="import", instance=child, before=before, after=after, label=label
            )
    clashes = []
    for official in Official.objects.select_related("agency"):
        try:
            official.clean()
        except ValidationError as exc:
            clashes.append(f"officials: {official}: {' '.join(exc.messages)}")
    if clashes:
        raise RegistryImportError(clashes)  # rolls the whole import back
    return report


def registry_tables() -> dict[str, list[dict[str, Any]]]:
    """The whole registry as plain section tables (dates in Jalali), the inverse of import."""
    return {
        "peer_groups": [{"code": g.code, "name": g.name, "order": g.order} for g in PeerGroup.objects.all()],
        "agencies": [
            {
                "code": a.code,
                "name": a.name,
                "aliases": list(a.aliases),
                "parent": a.parent.code if a.parent else None,
                "peer_group": a.peer_group.code,
                "province": a.province,
                "active_from": jalali(a.active_from),
                "active_to": jalali(a.active_to),
            }
            for a in Agency.objects.select_related("parent", "peer_group").order_by("code")
        ],
        "officials": [
            {
                "person": o.person,
                "honorific": o.honorific,
                "role_title": o.role_title,
                "agency": o.agency.code,
                "is_spokesperson": o.is_spokesperson,
                "start": jalali(o.start),
                "end": jalali(o.end),
            }
            for o in Official.objects.select_related("agency").order_by("agency__code", "role_title", "start")
        ],
        "outlets": [
            {
                "name": o.name,
                "aliases": list(o.aliases),
                "domains": list(o.domains),
                "kind": o.kind,
                "tier_weight": o.tier_weight,
            }
            for o in Outlet.objects.all()
        ],
    }


def export_registry(*, fmt: str, path: Path | None = None) -> str | None:
    return write_tables(registry_tables(), path, fmt)
