"""Nothing lost on bad input: NUL characters, items the database refuses, and items over the size limits.

The 400-item archive with a NUL at item 251 once stopped `sanjeh ingest` on PostgreSQL with a DataError
(the 149 items after it were never stored, the bad one never quarantined); SQLite stored the NUL. Now both
backends store all 400 items with the NUL removed, and an item the database still refuses is quarantined
alone while the run goes on.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from django.db import connection
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.ingest.types import SizeLimits
from sanjeh.monitoring import services
from sanjeh.monitoring.models import Article, QuarantinedItem, Story
from sanjeh.monitoring.services import ingest

pytestmark = pytest.mark.django_db

BAD = 251


def archive(path: Path, *, count: int = 400, nul_at: int = BAD) -> Path:
    """Short, distinct Persian items; item `nul_at` has a NUL in its title and its text."""
    with path.open("w", encoding="utf-8") as handle:
        for n in range(1, count + 1):
            text = f"خبر {n}\nشهرداری خرم‌آباد طرح {n} را در محله {n * 7} افتتاح کرد؛ هزینه {n} میلیارد بود."
            title = f"خبر {n}"
            if n == nul_at:
                text, title = text.replace("طرح", "طرح\u0000"), title + "\u0000"
            record = {"url": f"https://example.ir/n/{n}", "title": title, "text": text}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_nul_archive_stores_every_item_cleaned(tmp_path: Path) -> None:
    report = ingest(sources=[str(archive(tmp_path / "nul.jsonl"))], batch_size=50)
    assert (report.added, report.quarantined) == (400, 0)
    bad = Article.objects.get(url=f"https://example.ir/n/{BAD}")
    stored = bad.title + bad.body + bad.search_text + json.dumps(bad.analysis, ensure_ascii=False)
    assert "\x00" not in stored and "طرح" in bad.body and bad.title.endswith("۲۵۱")


def test_cli_ingests_the_nul_archive_whole(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(archive(tmp_path / "nul.jsonl")), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["added"], report["quarantined"]) == (400, 0)
    assert not any("\x00" in title for title in Article.objects.values_list("title", flat=True))


def test_item_the_database_refuses_is_quarantined_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the database refuses (here forced on both backends) costs that item only."""
    article = services._Writer._article

    def refusing(self, item, published, story):  # type: ignore[no-untyped-def]
        if item.url == f"https://example.ir/n/{BAD}":
            raise ValueError("A string literal cannot contain NUL (0x00) characters.")
        return article(self, item, published, story)

    monkeypatch.setattr(services._Writer, "_article", refusing)
    report = ingest(sources=[str(archive(tmp_path / "nul.jsonl"))], batch_size=50)
    assert (report.added, report.quarantined) == (399, 1)
    held = QuarantinedItem.objects.get()
    assert held.locator == f"https://example.ir/n/{BAD}" and "store: ValueError" in held.reason
    assert Article.objects.count() == 399 and not Article.objects.filter(story=None).exists()
    assert report.new_stories == Story.objects.count()  # the rolled-back batch left no phantom story
    assert ingest(sources=[str(tmp_path / "nul.jsonl")]).added == 0  # resumable: nothing stored twice


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL refuses NUL by itself")
def test_postgresql_refusal_without_cleaning_is_quarantined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real database error, not a simulated one: with cleaning switched off PostgreSQL refuses the
    item, and the run still stores the other 399."""
    monkeypatch.setattr("sanjeh.ingest.reading.storable", lambda value: value)
    report = ingest(sources=[str(archive(tmp_path / "nul.jsonl"))], batch_size=50)
    assert (report.added, report.quarantined) == (399, 1)
    assert QuarantinedItem.objects.get().locator == f"https://example.ir/n/{BAD}"


def test_overlong_url_is_quarantined_on_every_backend(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    records = [
        {"url": "https://example.ir/" + "a" * 1200, "text": "خبر\nشهرداری پارک تازه‌ای افتتاح کرد."},
        {"url": "https://example.ir/ok", "text": "خبر\nاستانداری جلسه‌ای برگزار کرد."},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    report = ingest(sources=[str(path)])
    assert (report.added, report.quarantined) == (1, 1)
    assert "locator is 1219 characters long" in QuarantinedItem.objects.get().reason


def test_oversize_items_are_quarantined_with_size_and_limit(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "small.txt").write_text("خبر\nشهرداری پارک تازه‌ای افتتاح کرد.", encoding="utf-8")
    (folder / "huge.html").write_bytes(b"<p>" + "خبر ".encode() * 2000 + b"</p>")
    lines = tmp_path / "a.jsonl"
    lines.write_text(
        json.dumps({"url": "https://example.ir/big", "text": "متن " * 3000}, ensure_ascii=False)
        + "\n"
        + json.dumps({"url": "https://example.ir/fit", "text": "خبر\nاستانداری جلسه برگزار کرد."})
        + "\n",
        encoding="utf-8",
    )
    limits = SizeLimits(item_bytes=4096, feed_bytes=4096)
    report = ingest(sources=[str(folder), str(lines)], limits=limits)
    assert (report.added, report.quarantined) == (2, 2)
    reasons = dict(QuarantinedItem.objects.values_list("locator", "reason"))
    kb = round((folder / "huge.html").stat().st_size / 1024)
    assert reasons[str(folder / "huge.html")] == (
        f"{folder / 'huge.html'}: {kb} KB is over the limit of 4 KB (SANJEH_MAX_ITEM_MB)"
    )
    assert reasons[f"{lines}#L1"].startswith("line 1: ") and "limit of 4 KB" in reasons[f"{lines}#L1"]


def test_cli_item_limit_setting_names_file_size_and_limit(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CONFIG = replace(settings.CONFIG, max_item_mb=1)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (3 * 1024 * 1024 // 2))
    result = CliRunner().invoke(app, ["ingest", str(big), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["quarantined"] == 1
    listed = CliRunner().invoke(app, ["ingest", "--errors"])
    assert f"{big}: 1.5 MB is over the limit of 1 MB (SANJEH_MAX_ITEM_MB)" in listed.stdout


def test_analyze_refuses_a_file_over_the_item_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANJEH_MAX_ITEM_MB", "1")
    big, small = tmp_path / "big.html", tmp_path / "small.txt"
    big.write_bytes(b"<p>" + b"x" * (2 * 1024 * 1024) + b"</p>")
    small.write_text("خبر\nشهرداری پارک تازه‌ای افتتاح کرد.", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(big), str(small), "--json"])
    assert result.exit_code == 1
    assert f"sanjeh: error: {big}: 2 MB is over the limit of 1 MB (SANJEH_MAX_ITEM_MB)" in result.output
    assert json.loads(result.stdout.splitlines()[-1])["file"] == str(small)  # the next file is still read
