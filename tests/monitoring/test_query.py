"""The search query language (sanjeh.monitoring.query) and its FTS5 / tsquery renderings, no database."""

from __future__ import annotations

from sanjeh.monitoring.query import parse_query


def test_words_are_anded_and_stemmed() -> None:
    query = parse_query("میراث فرهنگی روستاها")
    assert query.clauses == ((("میراث",),), (("فرهنگی",),), (("روستا",),))
    assert query.fts5() == '("میراث") AND ("فرهنگی") AND ("روستا")'
    assert query.tsquery() == "('میراث') & ('فرهنگی') & ('روستا')"


def test_phrase_or_and_exclusion() -> None:
    query = parse_query('"میراث فرهنگی" روستا یا شهر -تهران -«قطعی آب»')
    assert query.clauses == ((("میراث", "فرهنگی"),), (("روستا",), ("شهر",)))
    assert query.excluded == (("تهران",), ("قطعی", "آب"))
    assert query.fts5() == ('(("میراث" + "فرهنگی") AND ("روستا" OR "شهر")) NOT ("تهران" OR "قطعی" + "آب")')
    assert query.tsquery() == "('میراث' <-> 'فرهنگی') & ('روستا' | 'شهر') & !('تهران') & !('قطعی' <-> 'آب')"
    assert parse_query("الف OR ب").clauses == parse_query("الف | ب").clauses == ((("الف",), ("ب",)),)


def test_hostile_characters_never_reach_a_backend() -> None:
    query = parse_query("\"; DROP TABLE x; -- ' OR 1=1 مخابرات")
    assert all(ch not in query.fts5() for ch in ";'=") and "DROP" not in query.tsquery()
    assert "drop" in query.stems and "مخابره" in query.stems  # words are only words


def test_nothing_to_search_for() -> None:
    assert not parse_query("") and not parse_query("  ؟ ! -") and not parse_query("-روستا")
    assert not parse_query("OR")
