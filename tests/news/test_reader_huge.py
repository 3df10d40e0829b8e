"""Reading huge inputs: the collector pause is scoped and restores what it found."""

from __future__ import annotations

import gc

import pytest

from sanjeh.news.reader import GC_PAUSE_CHARS, Reader, _collector_paused


def test_the_collector_is_paused_only_for_huge_inputs_and_restored() -> None:
    assert gc.isenabled()
    with _collector_paused(GC_PAUSE_CHARS - 1):
        assert gc.isenabled()  # an ordinary article leaves the collector alone
    with _collector_paused(GC_PAUSE_CHARS):
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_turned_off_elsewhere_stays_off() -> None:
    gc.disable()
    try:
        with _collector_paused(GC_PAUSE_CHARS * 10):
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_comes_back_when_reading_fails() -> None:
    try:
        with _collector_paused(GC_PAUSE_CHARS):
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.isenabled()


@pytest.mark.slow  # reads a 300,000-character article
def test_spans_of_a_huge_article_point_into_the_raw_text() -> None:
    line = "مدیرکل  بهزیستی استان لرستان گفت: کار   خوب است.\n"  # doubled spaces the normalizer drops
    raw = line * (GC_PAUSE_CHARS // len(line) + 1000)
    assert len(raw) > GC_PAUSE_CHARS
    article = Reader().read_text(raw)
    (org,) = article.organizations
    assert len(org.spans) >= raw.count(line) - 1  # every line but the one read as kicker or title
    assert {" ".join(raw[a:b].split()) for a, b in org.spans} == {"بهزیستی استان لرستان"}
    assert {" ".join(raw[a:b].split()) for a, b in (q.span for q in article.quotes if q.span)} == {
        "کار خوب است"
    }
