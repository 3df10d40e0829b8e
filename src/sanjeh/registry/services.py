"""Registry import and export: every row validated by the models themselves, then all of it or nothing.

A file is read strictly (`exchange.read_rows`), checked for rows naming one thing twice, then applied
row by row inside one transaction: cells are converted (Jalali or Gregorian dates, lists, numbers),
only the fields a row gives are set (a row without `aliases` keeps the stored aliases; CSV/XLSX empty
cells count as not given), and each object is validated by `Model.full_clean()` — field rules, choices,
uniqueness and `Model.clean()`, checked once more on the final state so an official's term is compared
with every other term of the file. Any problem rolls everything back and each is reported as
`file: section row N (key): field: what was expected`. Each created or changed object gets an audit
entry (`sanjeh.audit.services.record`, action `import`, before → after). `dry_run` reports what would
change and rolls back, audit entries included. Rows are matched by natural key (peer group and agency
`code`, outlet `name`, official person+role+agency+start), so re-importing is safe, and export →
import round-trips.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jdatetime
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from sanjeh.audit.services import record as audit_record
from sanjeh.audit.services import snapshot
from sanjeh.errors import SanjehError
from sanjeh.registry.choices import DEFAULT_TIER_WEIGHT, OutletKind
from sanjeh.registry.exchange import Row, read_rows, write_tables
from sanjeh.registry.models import Agency, Official, Outlet, PeerGroup
from sanjeh.text.digits import to_latin_digits

_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")


class RegistryImportError(SanjehError):
    """One or more rows are invalid; `problems` lists each as 'file: section row N: field: expected'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:5]) + (f"; … and {len(problems) - 5} more" if len(problems) > 5 else "")
        super().__init__(f"{len(problems)} invalid row(s), nothing imported: {shown}")


@dataclass(frozen=True, slots=True)
class Change:
    """One row's effect: created, or updated with each changed field's (stored, new) value."""

    section: str
    key: str
    action: str  # "create" or "update"
    fields: dict[str, tuple[Any, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "key": self.key,
            "action": self.action,
            "fields": {name: [old, new] for name, (old, new) in self.fields.items()},
        }

    def __str__(self) -> str:
        if self.action == "create":
            return f"create {self.section} {self.key}"
        shown = "; ".join(f"{name}: {old!r} → {new!r}" for name, (old, new) in self.fields.items())
        return f"update {self.section} {self.key}: {shown}"


@dataclass
class ImportReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    changes: list[Change] = field(default_factory=list)
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "created": {k: n for k, n in self.created.items() if n},
            "updated": {k: n for k, n in self.updated.items() if n},
            "unchanged": {k: n for k, n in self.unchanged.items() if n},
            "changes": [c.to_dict() for c in self.changes],
        }


def parse_day(value: Any) -> dt.date | None:
    """A date from a registry cell: ISO Gregorian or Jalali (year < 1700), Persian or Latin digits.

    Jalali months 1–6 have 31 days, 7–11 have 30 and Esfand 29 (30 in a leap year), so 1403-06-31 is a
    day and 1403-07-31 is not; jdatetime applies the calendar's rule."""
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


# --- cell conversion: each returns the field's value or raises ValueError saying what was expected ----


def _text(value: Any) -> str:
    if isinstance(value, dict | list):
        raise ValueError(f"expected text, got a {type(value).__name__}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of names")
    return [v.strip() for v in value if v.strip()]


def _integer(value: Any) -> int:
    if value in (None, ""):
        return 0
    try:
        number = float(to_latin_digits(str(value)))
    except ValueError:
        number = 0.5
    if not number.is_integer():
        raise ValueError(f"{value!r} is not a whole number")
    return int(number)


def _number(value: Any) -> float | None:
    if value in (None, ""):
        return None  # the outlet kind's default weight
    try:
        return float(to_latin_digits(str(value)))
    except ValueError:
        raise ValueError(f"{value!r} is not a number") from None


def _boolean(value: Any) -> bool:
    if value in (None, ""):
        return False
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in {"true", "yes", "1", "بله"}:
        return True
    if lowered in {"false", "no", "0", "خیر"}:
        return False
    raise ValueError(f"{value!r} is not true/false")


def _day(value: Any) -> dt.date | None:
    try:
        return parse_day(value)
    except ValueError as exc:
        raise ValueError(f"{value!r}: {exc}") from None


@dataclass(frozen=True)
class _Section:
    """How a section's rows map onto its model: natural key, and each column's conversion. A reference
    (`peer_group`, `agency`, `parent`) is converted to a code, then looked up."""

    model: type[models.Model]
    key: tuple[str, ...]
    columns: dict[str, Callable[[Any], Any]]
    references: dict[str, type[models.Model]] = field(default_factory=dict)


SECTIONS: dict[str, _Section] = {
    "peer_groups": _Section(PeerGroup, ("code",), {"code": _text, "name": _text, "order": _integer}),
    "agencies": _Section(
        Agency,
        ("code",),
        {
            "code": _text,
            "name": _text,
            "aliases": _strings,
            "parent": _text,
            "peer_group": _text,
            "province": _text,
            "active_from": _day,
            "active_to": _day,
        },
        {"peer_group": PeerGroup},
    ),
    "officials": _Section(
        Official,
        ("person", "role_title", "agency", "start"),
        {
            "person": _text,
            "honorific": _text,
            "role_title": _text,
            "agency": _text,
            "is_spokesperson": _boolean,
            "start": _day,
            "end": _day,
        },
        {"agency": Agency},
    ),
    "outlets": _Section(
        Outlet,
        ("name",),
        {"name": _text, "aliases": _strings, "domains": _strings, "kind": _text, "tier_weight": _number},
    ),
}


def _shown(value: Any) -> Any:
    """A field's value as the report shows it: dates in Jalali, related objects by their code."""
    if isinstance(value, dt.date):
        return jalali(value)
    if isinstance(value, models.Model):
        return getattr(value, "code", None) or str(value)
    return value


def _row_key(row: Row) -> tuple[str, ...]:
    """The natural key as the file writes it (dates normalized when they parse), for duplicate rows."""
    parts = []
    for name in SECTIONS[row.location.section].key:
        value = row.values.get(name)
        with contextlib.suppress(ValueError):
            value = jalali(_day(value)) if name == "start" else _text(value)
        parts.append(str(value or ""))
    return tuple(parts)


def _duplicates(rows: list[Row]) -> list[str]:
    """Rows naming the same object twice: which one the file means is unknowable, so both are named."""
    first: dict[tuple[str, tuple[str, ...]], Row] = {}
    problems = []
    for row in rows:
        section = row.location.section
        key = _row_key(row)
        earlier = first.setdefault((section, key), row)
        if earlier is not row:
            names = "+".join(SECTIONS[section].key)
            problems.append(
                f"{row.location.file}: {section} rows {earlier.location.row} and {row.location.row}: "
                f"the same {names} {' / '.join(key)!r} twice; expected one row per {names}"
            )
    return problems


def _messages(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [
            ("row" if name == NON_FIELD_ERRORS else name, message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [("row", message) for message in error.messages]


class _Importer:
    """Applies rows inside the caller's transaction and collects every problem and change."""

    def __init__(self, report: ImportReport, *, actor: Any, label: str) -> None:
        self.report = report
        self.actor, self.label = actor, label
        self.problems: list[str] = []
        self.touched: list[tuple[str, models.Model]] = []  # (where, object) for the final validation
        self.parents: list[tuple[str, Agency, str, Change | None]] = []

    def problem(self, where: str, name: str, message: str) -> None:
        self.problems.append(f"{where}: {name}: {message}")

    def row(self, row: Row) -> None:
        """Convert, look up, assign and validate one row; save it when it has no problem."""
        section = SECTIONS[row.location.section]
        label = " / ".join(_row_key(row))
        where = f"{row.location} ({label})"
        values, bad = self._convert(row, section, where)
        if bad & set(section.key):
            return
        lookup = {
            name: values.pop(name, "" if section.columns[name] is _text else None) for name in section.key
        }
        instance = section.model.objects.filter(**lookup).first()
        created = instance is None
        stored = None if instance is None else snapshot(instance)  # for the audit entry
        if instance is None:
            instance = section.model(**lookup)
        parent = values.pop("parent", None)  # agencies: linked once every agency of the file exists
        changed = self._assign(instance, values, created=created)
        before = len(self.problems)
        self._check(instance.clean_fields, where, exclude=[*bad, *section.references])
        self._check(instance.validate_unique, where)
        if bad or len(self.problems) > before:
            # Not saved, so not validated again at the end: its cross-field rules are reported now.
            self._check(instance.clean, where, skip=bad)
            return
        instance.save()
        self._audit(instance, stored)
        self.touched.append((where, instance))
        kind = "created" if created else "updated" if changed else "unchanged"
        getattr(self.report, kind)[row.location.section] += 1
        change = None
        if created or changed:
            change = Change(row.location.section, label, "create" if created else "update", changed)
            self.report.changes.append(change)
        if "parent" in row.values and isinstance(instance, Agency):
            self.parents.append((where, instance, parent or "", change))

    def _audit(self, instance: models.Model, before: dict[str, Any] | None) -> None:
        """An audit entry (before → after) when the row is new or changed; the dry run's is rolled back."""
        after = snapshot(instance)
        if before != after:
            audit_record(
                actor=self.actor,
                action="import",
                instance=instance,
                before=before,
                after=after,
                label=self.label,
            )

    def _check(
        self, validate: Callable[..., None], where: str, skip: Collection[str] = (), **kw: Any
    ) -> None:
        """Run one of the model's validations, recording each message it raises as a problem."""
        try:
            validate(**kw)
        except ValidationError as exc:
            for name, message in _messages(exc):
                if name not in skip:
                    self.problem(where, name, message)

    def _convert(self, row: Row, section: _Section, where: str) -> tuple[dict[str, Any], set[str]]:
        """The row's given cells converted, references looked up; the names of cells that failed."""
        values: dict[str, Any] = {}
        bad: set[str] = set()
        for name, raw in row.values.items():
            try:
                values[name] = section.columns[name](raw)
            except ValueError as exc:
                self.problem(where, name, str(exc))
                bad.add(name)
        for name, target in section.references.items():
            if name in bad or (name not in values and name not in section.key):
                continue  # not given: the stored reference stays
            code = values.get(name, "")
            values[name] = target.objects.filter(code=code).first() if code else None
            if values[name] is None:
                known = ", ".join(sorted(target.objects.values_list("code", flat=True))[:20])
                what = f"no {name.replace('_', ' ')} has the code {code!r}" if code else "required"
                self.problem(where, name, f"{what}; expected one of {known}")
                bad.add(name)
        return values, bad

    @staticmethod
    def _assign(
        instance: models.Model, values: dict[str, Any], *, created: bool
    ) -> dict[str, tuple[Any, Any]]:
        """Set the given fields; returns each changed one as (stored, new) — nothing for a new object."""
        changed: dict[str, tuple[Any, Any]] = {}
        weight = values.pop("tier_weight", None) if isinstance(instance, Outlet) else None
        for name, value in values.items():
            if created:  # nothing stored to compare with (an unset relation cannot even be read)
                setattr(instance, name, value)
            elif getattr(instance, name) != value:
                changed[name] = (_shown(getattr(instance, name)), _shown(value))
                setattr(instance, name, value)
        if isinstance(instance, Outlet) and (weight is not None or created):
            kind = instance.kind if instance.kind in OutletKind.values else OutletKind.SITE
            weight = DEFAULT_TIER_WEIGHT[OutletKind(kind)] if weight is None else weight
            if instance.tier_weight != weight:
                changed["tier_weight"] = (instance.tier_weight, weight)
                instance.tier_weight = weight
        return {} if created else changed

    def link_parents(self) -> None:
        """Parents are set once every agency of the file exists (a parent may come after its child)."""
        for where, agency, code, change in self.parents:
            parent = Agency.objects.filter(code=code).first() if code else None
            if code and parent is None:
                self.problem(where, "parent", f"{code!r} is not an agency code in the registry")
                continue
            if agency.parent_id != (parent.pk if parent else None):
                old = agency.parent.code if agency.parent else None
                before = snapshot(agency)
                agency.parent = parent
                agency.save(update_fields=["parent"])
                self._audit(agency, before)
                if change is None:
                    self.report.unchanged["agencies"] -= 1
                    self.report.updated["agencies"] += 1
                    change = Change("agencies", agency.code, "update", {})
                    self.report.changes.append(change)
                if change.action == "update":
                    change.fields["parent"] = (old, code or None)

    def validate(self) -> None:
        """Every written object against its model once more, on the final state of the whole file."""
        for where, instance in self.touched:
            self._check(instance.full_clean, where)


def import_registry(*, path: Path, actor: Any = None, dry_run: bool = False) -> ImportReport:
    """Validate and upsert every row of `path` atomically, each change audited (`sanjeh.audit.services`);
    with `dry_run`, report and write nothing."""
    rows = read_rows(path, max_bytes=settings.CONFIG.max_upload_mb * 1024 * 1024)
    duplicates = _duplicates(rows)
    if duplicates:
        raise RegistryImportError(duplicates)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        importer = _Importer(report, actor=actor, label=f"registry import {path.name}")
        for row in rows:
            importer.row(row)
        importer.link_parents()
        importer.validate()
        if importer.problems:
            raise RegistryImportError(importer.problems)  # rolls the whole import back
        if dry_run:
            transaction.set_rollback(True)
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
