"""Registry import/export: round trips in every format, row-level errors, all-or-nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from sanjeh.registry.models import Agency, Official, Outlet
from sanjeh.registry.services import RegistryImportError, export_registry, import_registry

pytestmark = pytest.mark.django_db

REGISTRY = {
    "agencies": [
        {
            "code": "telecom-lorestan",
            "name": "شرکت مخابرات ایران منطقه لرستان",
            "peer_group": "companies-banks-insurance",
            "aliases": ["مخابرات لرستان", "مخابرات منطقه لرستان"],
            "province": "لرستان",
            "active_from": "1399-01-01",
        },
        {
            "code": "governorate-lorestan",
            "name": "استانداری لرستان",
            "peer_group": "public-social-judicial",
            "aliases": [],
            "province": "لرستان",
        },
        {
            "code": "telecom-lorestan-pr",
            "name": "روابط عمومی مخابرات لرستان",
            "parent": "telecom-lorestan",
            "peer_group": "companies-banks-insurance",
        },
    ],
    "officials": [
        {
            "person": "محمد قاسمی",
            "honorific": "سید",
            "role_title": "مدیر",
            "agency": "telecom-lorestan",
            "start": "1402-07-01",
            "end": "1403-06-31",
        },
        {"person": "زهرا رحیمی", "role_title": "مدیر", "agency": "telecom-lorestan", "start": "1403-07-01"},
        {
            "person": "فاطمه ایرانی",
            "role_title": "مدیرکل روابط عمومی",
            "agency": "governorate-lorestan",
            "is_spokesperson": True,
        },
    ],
    "outlets": [
        {"name": "زرک", "domains": ["zerk.ir"], "kind": "site"},
        {
            "name": "ایرنا",
            "aliases": ["خبرگزاری جمهوری اسلامی"],
            "domains": ["irna.ir"],
            "kind": "national_agency",
        },
    ],
}


def write_yaml(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "registry.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_yaml_import_creates_everything_and_converts_jalali_dates(tmp_path: Path) -> None:
    report = import_registry(path=write_yaml(tmp_path, REGISTRY))
    assert report.created == {"agencies": 3, "officials": 3, "outlets": 2}
    telecom = Agency.objects.get(code="telecom-lorestan")
    assert telecom.active_from == dt.date(2020, 3, 20)  # 1399-01-01
    assert Agency.objects.get(code="telecom-lorestan-pr").parent == telecom
    assert Outlet.objects.get(name="ایرنا").tier_weight == 3.0  # default for a national agency


def test_role_is_credited_to_whoever_held_it_on_the_day(tmp_path: Path) -> None:
    import_registry(path=write_yaml(tmp_path, REGISTRY))
    holders = Official.objects.filter(agency__code="telecom-lorestan", role_title="مدیر")
    assert [o.person for o in holders.on(dt.date(2024, 5, 1))] == ["محمد قاسمی"]  # 1403 spring
    assert [o.person for o in holders.on(dt.date(2024, 10, 1))] == ["زهرا رحیمی"]  # 1403 autumn


def test_reimport_is_idempotent(tmp_path: Path) -> None:
    path = write_yaml(tmp_path, REGISTRY)
    import_registry(path=path)
    report = import_registry(path=path)
    assert not report.created
    assert Agency.objects.count() == 3 and Official.objects.count() == 3


def test_invalid_rows_are_all_named_and_nothing_is_imported(tmp_path: Path) -> None:
    bad = {
        "agencies": [
            {"code": "ok-agency", "name": "اداره کل بهزیستی استان لرستان", "peer_group": "support-health"},
            {"code": "Bad Code", "name": "", "peer_group": "no-such-group", "active_from": "1403-13-40"},
        ],
        "officials": [{"person": "علی", "role_title": "مدیر", "agency": "missing-agency"}],
        "outlets": [{"name": "x", "kind": "blog", "tier_weight": "-1"}],
    }
    with pytest.raises(RegistryImportError) as caught:
        import_registry(path=write_yaml(tmp_path, bad))
    problems = "\n".join(caught.value.problems)
    for expected in (
        "agencies row 2 (Bad Code): code: ",
        "agencies row 2 (Bad Code): name: ",
        "peer_group: no peer group has the code 'no-such-group'",
        "agencies row 2 (Bad Code): active_from: '1403-13-40': not a valid date",
        "officials row 1 (علی / مدیر / missing-agency / ): agency: no agency has the code 'missing-agency'",
        "outlets row 1 (x): kind: ",
        "outlets row 1 (x): tier_weight: ",
    ):
        assert expected in problems
    assert str(tmp_path / "registry.yaml") in problems
    assert not Agency.objects.filter(code="ok-agency").exists()


def test_overlapping_terms_for_one_role_are_refused_atomically(tmp_path: Path) -> None:
    clash = dict(
        REGISTRY,
        officials=[
            {
                "person": "محمد قاسمی",
                "role_title": "مدیر",
                "agency": "telecom-lorestan",
                "start": "1402-07-01",
            },
            {
                "person": "زهرا رحیمی",
                "role_title": "مدیر",
                "agency": "telecom-lorestan",
                "start": "1403-07-01",
            },
        ],
    )
    with pytest.raises(RegistryImportError, match="مدیر"):
        import_registry(path=write_yaml(tmp_path, clash))
    assert Agency.objects.count() == 0


@pytest.mark.parametrize("fmt", ["yaml", "csv", "xlsx"])
def test_export_then_import_round_trips(tmp_path: Path, fmt: str) -> None:
    import_registry(path=write_yaml(tmp_path, REGISTRY))
    out = tmp_path / f"export.{fmt}"
    export_registry(fmt=fmt, path=out)
    before = export_registry(fmt="yaml")
    Official.objects.all().delete()
    Agency.objects.all().delete()
    Outlet.objects.all().delete()
    import_registry(path=out)
    assert export_registry(fmt="yaml") == before


def test_xlsx_export_is_right_to_left(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    import_registry(path=write_yaml(tmp_path, REGISTRY))
    out = tmp_path / "registry.xlsx"
    export_registry(fmt="xlsx", path=out)
    book = load_workbook(out)
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    assert book["agencies"]["B2"].value


def test_unknown_column_is_a_clear_error(tmp_path: Path) -> None:
    from sanjeh.registry.exchange import RegistryFileError

    path = tmp_path / "r.csv"
    path.write_text("section,name,colour\noutlets,زرک,red\n", encoding="utf-8")
    with pytest.raises(RegistryFileError, match="unknown column\\(s\\) colour"):
        import_registry(path=path)
