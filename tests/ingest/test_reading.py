"""ItemPreparer: what a reader worker hands the database writer (read, fingerprint, attribution)."""

from __future__ import annotations

from pathlib import Path

from sanjeh.ingest.rawstore import RawStore
from sanjeh.ingest.reading import ItemPreparer, parse_published
from sanjeh.ingest.types import RawItem
from sanjeh.ingest.workers import PreparePool
from sanjeh.news.attribution import AgencyRef, OfficialRef

AGENCIES = [
    AgencyRef("telecom", ("شرکت مخابرات ایران منطقه لرستان",), (OfficialRef("محمد قاسمی", "مدیر"),)),
    AgencyRef("water", ("شرکت آب و فاضلاب استان لرستان",)),
]
TEXT = (
    "مخابرات لرستان اینترنت روستاها را توسعه می‌دهد\n"
    "محمد قاسمی مدیر مخابرات منطقه لرستان گفت: اینترنت پرسرعت به ۱۲۰ روستای استان رسید.\n"
    "وی افزود: این طرح تا پایان سال در همه روستاها اجرا می‌شود."
)


def test_prepared_item_carries_row_fields_signature_and_attributions(tmp_path: Path) -> None:
    item = RawItem(
        "a.jsonl",
        "https://x.ir/1",
        TEXT.encode(),
        "text",
        url="https://x.ir/1",
        published="2024-05-01T08:00:00+03:30",
    )
    prepared = ItemPreparer(AGENCIES, tmp_path).prepare(item)
    assert prepared.ok and prepared.digest == item.digest
    assert RawStore(tmp_path).get(prepared.digest) == item.data  # stored by the worker, before the commit
    assert "مخابرات" in prepared.title and len(prepared.signature) == 128 * 8
    assert "\u200c" not in prepared.search_text and "120" in prepared.search_text.split()
    assert [a.agency for a in prepared.attributions] == ["telecom"]
    assert prepared.attributions[0].prominence == 3
    assert prepared.published == "2024-05-01T08:00:00+03:30"
    assert prepared.analysis["title"] == prepared.title


def test_unreadable_item_names_its_step_and_keeps_its_digest() -> None:
    item = RawItem("a.jsonl", "a.jsonl#L3", b"<html><body></body></html>", "html")
    prepared = ItemPreparer(AGENCIES, None).prepare(item)
    assert not prepared.ok and prepared.failed_step == "read"
    assert "no article text" in (prepared.reason or "") and prepared.digest == item.digest


def test_in_process_pool_keeps_input_order(tmp_path: Path) -> None:
    items = [RawItem("s", f"s#{n}", f"{TEXT}\nشماره {n}".encode(), "text") for n in range(5)]
    with PreparePool(agencies=AGENCIES, store_root=tmp_path, workers=1, chunk=2) as pool:
        assert [p.locator for p in pool.map(items)] == [f"s#{n}" for n in range(5)]


def test_published_parsing_takes_the_first_valid_candidate() -> None:
    assert parse_published(None, "دیروز", "2024-05-01T08:00:00Z").isoformat() == "2024-05-01T08:00:00+00:00"
    assert parse_published("not a date") is None
