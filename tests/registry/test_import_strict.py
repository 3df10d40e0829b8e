"""`sanjeh registry import` is strict: Jalali dates however written, duplicate rows refused, omitted fields
kept, validation by the models, a dry run, and one-line errors (never a traceback) for unreadable files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from tests.registry.test_registry_io import REGISTRY, write_yaml
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.registry.exchange import RegistryFileError
from sanjeh.registry.models import Agency, Official, PeerGroup
from sanjeh.registry.services import RegistryImportError, import_registry

pytestmark = pytest.mark.django_db

UNQUOTED = """\
agencies:
  - code: telecom
    name: شرکت مخابرات لرستان
    peer_group: companies-banks-insurance
    aliases: [مخابرات لرستان]
officials:
  - person: محمد قاسمی
    role_title: مدیر
    agency: telecom
    start: 1403-01-15
    end: 1403-06-31
"""


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    """The command failed with exactly one line on stderr and no traceback; that line."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sanjeh: error: "), result.stderr
    return lines[0]


def test_unquoted_jalali_dates_are_jalali(tmp_path: Path) -> None:
    """YAML 1.1 reads `1403-01-15` as the Gregorian year 1403 and `1403-06-31` not at all (June has 30
    days); both are Jalali days: Farvardin 15 and Shahrivar 31, 1403."""
    path = tmp_path / "r.yaml"
    path.write_text(UNQUOTED, encoding="utf-8")
    import_registry(path=path)
    official = Official.objects.get()
    assert (official.start, official.end) == (dt.date(2024, 4, 3), dt.date(2024, 9, 21))


def test_an_invalid_jalali_date_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(UNQUOTED.replace("1403-06-31", "1403-07-31"), encoding="utf-8")  # Mehr has 30 days
    line = one_line_error(invoke("registry", "import", str(path)))
    assert "officials row 1" in line and "end: '1403-07-31': not a valid date" in line
    assert not Agency.objects.exists()


def test_duplicate_codes_are_refused_naming_both_rows(tmp_path: Path) -> None:
    rows = dict(REGISTRY, agencies=[*REGISTRY["agencies"], dict(REGISTRY["agencies"][0], name="دیگر")])
    with pytest.raises(RegistryImportError) as caught:
        import_registry(path=write_yaml(tmp_path, rows))
    assert caught.value.problems == [
        f"{tmp_path / 'registry.yaml'}: agencies rows 1 and 4: the same code 'telecom-lorestan' twice; "
        "expected one row per code"
    ]
    assert not Agency.objects.exists()


def test_fields_a_row_omits_are_left_as_stored(tmp_path: Path) -> None:
    import_registry(path=write_yaml(tmp_path, REGISTRY))
    only = {"agencies": [{"code": "telecom-lorestan", "name": "شرکت مخابرات ایران منطقه لرستان"}]}
    report = import_registry(path=write_yaml(tmp_path, only))
    assert report.to_dict()["unchanged"] == {"agencies": 1} and not report.changes
    telecom = Agency.objects.get(code="telecom-lorestan")
    assert telecom.aliases == ["مخابرات لرستان", "مخابرات منطقه لرستان"]
    assert telecom.peer_group.code == "companies-banks-insurance" and telecom.province == "لرستان"
    cleared = {"agencies": [{"code": "telecom-lorestan", "aliases": []}]}
    report = import_registry(path=write_yaml(tmp_path, cleared))
    assert Agency.objects.get(code="telecom-lorestan").aliases == []  # given empty: cleared
    assert [c.fields["aliases"][1] for c in report.changes] == [[]]


def test_rules_come_from_the_models_clean(tmp_path: Path) -> None:
    backwards = {
        "agencies": [dict(REGISTRY["agencies"][0], active_from="1403-02-01", active_to="1403-01-01")]
    }
    with pytest.raises(RegistryImportError, match="پایان فعالیت نباید پیش از آغاز آن باشد"):
        import_registry(path=write_yaml(tmp_path, backwards))


def test_dry_run_shows_changes_and_writes_nothing(tmp_path: Path) -> None:
    import_registry(path=write_yaml(tmp_path, REGISTRY))
    changed = dict(REGISTRY, agencies=[dict(REGISTRY["agencies"][0], aliases=["مخابرات"], province="تهران")])
    changed["peer_groups"] = [{"code": "new-group", "name": "گروه تازه"}]
    result = invoke("registry", "import", str(write_yaml(tmp_path, changed)), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dry_run"] is True and report["created"] == {"peer_groups": 1}
    assert report["updated"] == {"agencies": 1}
    update = next(c for c in report["changes"] if c["action"] == "update")
    assert update["key"] == "telecom-lorestan" and update["fields"] == {
        "aliases": [["مخابرات لرستان", "مخابرات منطقه لرستان"], ["مخابرات"]],
        "province": ["لرستان", "تهران"],
    }
    text = invoke("registry", "import", str(tmp_path / "registry.yaml"), "--dry-run")
    assert (
        "update agencies telecom-lorestan: aliases:" in text.stdout
        and "create peer_groups new-group" in text.stdout
    )
    assert Agency.objects.get(code="telecom-lorestan").province == "لرستان"
    assert not PeerGroup.objects.filter(code="new-group").exists()


@pytest.mark.parametrize("fmt", ["yaml", "csv", "xlsx"])
def test_export_then_import_changes_nothing(tmp_path: Path, fmt: str) -> None:
    import_registry(path=write_yaml(tmp_path, REGISTRY))
    out = tmp_path / f"export.{fmt}"
    assert invoke("registry", "export", "--format", fmt, "--out", str(out)).exit_code == 0
    report = json.loads(invoke("registry", "import", str(out), "--json").stdout)
    assert report["created"] == {} and report["updated"] == {} and report["changes"] == []


def deep_yaml(levels: int) -> str:
    return "agencies: " + "[" * levels + "]" * levels


def broken_xlsx(path: Path) -> None:
    book = Workbook()
    book.active.title = "agencies"
    book.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.yaml", b"", "no registry rows; expected at least one row of peer_groups, agencies"),
        ("empty.yaml", b"agencies: []\n", "no registry rows"),
        ("empty.csv", b"section,code,name\n", "no registry rows"),
        ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data (NUL bytes); expected a UTF-8"),
        ("utf16.yaml", "agencies: []\n".encode("utf-16"), "UTF-16 text; expected UTF-8"),
        ("legacy.csv", "section,code,name\nagencies,a,مخابرات\n".encode("cp1256"), "not UTF-8 (byte 0x"),
        ("deep.yaml", deep_yaml(100_000).encode(), "not valid YAML (nested deeper than 20 levels"),
        ("broken.xlsx", None, "not a readable XLSX workbook"),
        ("wrong.yaml", b"agencies: {a: 1}\n", "section 'agencies' must be a list of rows"),
        ("ragged.csv", b"section,code\nagencies,a,extra\n", "line 2: more cells than the header has"),
    ],
)
def test_unreadable_files_are_one_line_errors(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    path = tmp_path / name
    if content is None:
        broken_xlsx(path)
    else:
        path.write_bytes(content)
    with pytest.raises(RegistryFileError):
        import_registry(path=path)
    line = one_line_error(invoke("registry", "import", str(path)))
    assert path.name in line and expected in line


def test_registry_file_over_the_upload_limit_is_refused(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    settings.CONFIG = replace(settings.CONFIG, max_upload_mb=1)
    path = tmp_path / "big.yaml"
    path.write_text("agencies:\n" + "# padding\n" * 120_000, encoding="utf-8")
    line = one_line_error(invoke("registry", "import", str(path)))
    assert "big.yaml: 1.1 MB is over the limit of 1 MB (SANJEH_MAX_UPLOAD_MB)" in line


def test_strict_import_is_audited_and_a_dry_run_leaves_no_entry(tmp_path: Path) -> None:
    """The strict importer writes through the audit log (`sanjeh.audit.services`): one `import` entry
    per created or changed object (the parent link included), none for an unchanged row or a dry run."""
    from sanjeh.audit.models import AuditEntry

    path = write_yaml(tmp_path, REGISTRY)
    import_registry(path=path, actor="importer", dry_run=True)
    assert not AuditEntry.objects.exists()
    import_registry(path=path, actor="importer")
    created = AuditEntry.objects.filter(actor="importer", action="import", before__isnull=True)
    assert created.count() == 3 + 3 + 2  # agencies, officials, outlets
    child = Agency.objects.get(code="telecom-lorestan-pr")
    linked = AuditEntry.objects.filter(object_type="registry.agency", object_id=str(child.pk))
    linked = linked.order_by("pk").last()
    assert linked is not None and linked.before["parent_id"] is None and linked.after["parent_id"]
    entries = AuditEntry.objects.count()
    import_registry(path=path, actor="importer")  # unchanged: nothing more to record
    assert AuditEntry.objects.count() == entries
    changed = {**REGISTRY, "agencies": [{**REGISTRY["agencies"][0], "province": "تهران"}]}
    import_registry(path=write_yaml(tmp_path, changed), actor="importer")
    update = AuditEntry.objects.latest("pk")
    assert (update.before["province"], update.after["province"]) == ("لرستان", "تهران")
