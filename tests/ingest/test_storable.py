"""The one cleaning step before the database: NUL removed, lone surrogates replaced, nothing else touched."""

from __future__ import annotations

from dataclasses import dataclass

from sanjeh.ingest.storable import storable, storable_text


@dataclass(frozen=True)
class Record:
    title: str
    analysis: dict
    parts: tuple[str, ...]


def test_storable_text_removes_what_postgresql_refuses() -> None:
    assert storable_text("خبر\x00 امروز") == "خبر امروز"
    assert storable_text("a\ud800b") == "a\ufffdb"
    clean = "نیم\u200cفاصله و \u200f نشانه‌ها"
    assert storable_text(clean) is clean  # the common case costs no copy


def test_storable_cleans_a_whole_record() -> None:
    record = Record("ت\x00", {"k\x00": ["x\x00", {"y": "\ud83d"}], "n": 3}, ("p\x00",))
    assert storable(record) == Record("ت", {"k": ["x", {"y": "\ufffd"}], "n": 3}, ("p",))
