"""Fuzz the five readers of untrusted input: normalizer, article reader, registry import, sheet import, feed.

Hypothesis generates each input (Persian text, invisible and bidi characters, NUL, lone surrogates, huge
repeats, random bytes, and structured documents — YAML/CSV/XLSX registries, XLSX/CSV sheets, HTML pages,
RSS/Atom feeds — built valid and then mutated) and the target reads it. An exception that is not one of
sanjeh's own `SanjehError` subclasses is a crash; an input slower than the budget is a finding too.
Every distinct crash (exception type and innermost frame) and every slow input is saved, smallest
input first, under tests/fuzz/cases/<target>/ with its seed; tests/fuzz/test_fuzz_regressions.py
replays them.

    python bench/fuzz.py --examples 10000 --target all --json
    python bench/fuzz.py --examples 200 --target sheet --seed 7

Nothing touches the network: the feed reader's page fetches go to an in-process httpx MockTransport
that behaves like the real one (non-http(s) schemes refused, some hosts unreachable, some pages
404/500 or over the size limit).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import datetime as dt
import hashlib
import io
import itertools
import json
import logging
import signal
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

TARGETS = ("normalizer", "reader", "registry", "sheet", "feed")
ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "fuzz" / "cases"
#: Seconds one input may take before it is a finding (normalizer/reader: inputs of at most ~100 KB).
BUDGET = {"normalizer": 2.0, "reader": 2.0, "registry": 5.0, "sheet": 5.0, "feed": 5.0}
HANG_SECONDS = 60  # SIGALRM stops an input this slow (a hang) so the run itself stays bounded
MAX_CASE_BYTES = 200_000  # saved cases stay small files

# --------------------------------------------------------------------------------------------------
# Building blocks of generated text

PERSIAN_WORDS = (
    "سلام",
    "وزیر",
    "امور",
    "خارجه",
    "گفت",
    "می‌رود",
    "کتاب‌ها",
    "خانه‌ی",
    "توسعهٔ",
    "ایرنا",
    "به",
    "گزارش",
    "روابط",
    "عمومی",
    "استانداری",
    "تهران",
    "۱۴۰۳/۰۴/۰۵",
    "۱۴۰۳-۰۱-۱۵",
    "۲۵",
    "خرداد",
    "«ما",
    "آماده‌ایم»",
    "؟",
    "،",
    "؛",
    "دکتر",
    "محمد",
    "رضایی",
    "سخنگوی",
    "دولت",
    "اعلام",
    "کرد",
    "مي",
    "روم",
    "كتاب",
    "يك",
    "ـــــ",
    "َ",
    "ُ",
    "ِ",
    "ّ",
    "ً",
    "٪",
    "٫",
    "ك",
    "ي",
    "ة",
    "ۀ",
    "ؤ",
    "إ",
    "1403",
    "http://example.ir/news/1403/01/15/x",
    "#",
    "@",
    "«",
    "»",
    ":",
    "\u200c",
    "\u200d",
)
INVISIBLE = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    "\u00ad",
    "\u2060",
    "\u180e",
    "\u034f",
    "\x00",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\u2028",
    "\u2029",
    "\r",
    "\t",
    "\ufffd",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "\U000e0001",
    "\U0010ffff",
    "\u0640",
    "\u064b\u064c\u064d\u064e\u064f\u0650",
    "\U0001f600",
    "\u0301",
    "\u0653",
    "\u0654",
    "\u0670",
    "\u06cc\u200c\u200c\u200c",
)
MARKUP = (
    "<",
    ">",
    "&",
    "&amp;",
    "&zwnj;",
    "&#8204;",
    "&#0;",
    "&#xd800;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<script>alert(1)</script>",
    "<p>",
    "</p>",
    "<h1>",
    "<br>",
    '"',
    "'",
    "\n",
    "\n\n",
    " ",
    "  ",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\u202e=1+1",
)
ALL_FRAGMENTS = PERSIAN_WORDS + INVISIBLE + MARKUP

fragment = st.sampled_from(ALL_FRAGMENTS)


@st.composite
def mixed_text(draw: Any, max_fragments: int = 40) -> str:
    """Persian words, invisible/bidi/control characters and markup, with free text between."""
    parts = draw(
        st.lists(
            st.one_of(
                fragment,
                fragment,
                st.text(max_size=12),
                st.text(alphabet=st.characters(min_codepoint=0x600, max_codepoint=0x6FF), max_size=12),
                st.characters(codec=None, categories=["Cs", "Cc", "Cf", "Co", "Mn"]).map(str),
            ),
            max_size=max_fragments,
        )
    )
    sep = draw(st.sampled_from(("", " ", "\n", "\u200c")))
    return sep.join(parts)


@st.composite
def huge_repeat(draw: Any, limit: int = 100_000) -> str:
    """A short unit repeated up to `limit` characters (the size the time budget is promised for)."""
    unit = draw(mixed_text(max_fragments=6)) or draw(fragment)
    size = draw(st.sampled_from((1_000, 10_000, 50_000, limit)))
    return (unit * (size // max(len(unit), 1) + 1))[:size]


@st.composite
def bytes_as_text(draw: Any) -> str:
    data = draw(st.binary(max_size=600))
    codec = draw(st.sampled_from(("latin-1", "utf-8-replace", "surrogateescape", "utf-16-replace")))
    if codec == "latin-1":
        return data.decode("latin-1")
    if codec == "surrogateescape":
        return data.decode("utf-8", "surrogateescape")
    if codec == "utf-16-replace":
        return data.decode("utf-16-le", "replace")
    return data.decode("utf-8", "replace")


def any_text(big: bool = True) -> st.SearchStrategy[str]:
    options = [mixed_text(), st.text(max_size=200), bytes_as_text()]
    if big:
        options.append(huge_repeat())
    return st.one_of(*options)


# --------------------------------------------------------------------------------------------------
# Mutation of built documents

MUTATION_PAYLOADS = (
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xd9",
    b"\x80",
    b"\n",
    b"\r",
    b'"',
    b"'",
    b",",
    b":",
    b"-",
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b"{{{{{{{{{{",
    b"&a ",
    b"*a",
    b"!!python/object/apply:os.system",
    b"!!binary",
    b"<",
    b">",
    b"</",
    b'<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    b"&a;",
    b"&#0;",
    b"]]>",
    b"\xe2\x80\xae",
    b"\xe2\x80\x8c",
    b"=1+1",
    b"1e400",
    b"9" * 400,
    b"-0",
    b"nan",
    b"\t",
    b"|",
    b"\\",
)


@st.composite
def mutations(draw: Any) -> list[tuple[str, int, bytes]]:
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(("flip", "insert", "delete", "truncate", "duplicate", "replace")),
                st.integers(0, 1 << 20),
                st.one_of(st.sampled_from(MUTATION_PAYLOADS), st.binary(min_size=1, max_size=8)),
            ),
            max_size=4,
        )
    )


def mutate(data: bytes, ops: list[tuple[str, int, bytes]]) -> bytes:
    buf = bytearray(data)
    for op, where, payload in ops:
        i = where % (len(buf) + 1)
        if op == "flip" and buf:
            buf[i % len(buf)] ^= 1 << (where % 8)
        elif op == "insert":
            buf[i:i] = payload
        elif op == "delete":
            del buf[i : i + 1 + where % 16]
        elif op == "truncate":
            del buf[i:]
        elif op == "duplicate":
            chunk = bytes(buf[i : i + 1 + where % 64])
            buf[i:i] = chunk * (1 + where % 50)
        elif op == "replace":
            buf[i : i + len(payload)] = payload
    return bytes(buf)


def zip_members(data: bytes) -> dict[str, bytes] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {n: z.read(n) for n in z.namelist()}
    except Exception:
        return None


def rezip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


XLSX_EDITS = (
    ("dimension", b'<dimension ref="A1:XFD1048576"/>'),
    ("far-row", b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'),
    ("far-column", b'<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>'),
    ("bad-shared", b'<row r="3"><c r="A3" t="s"><v>999999</v></c></row>'),
    ("huge-int", b'<row r="3"><c r="J3"><v>1' + b"0" * 400 + b"</v></c></row>"),
    ("giant-int", b'<row r="3"><c r="J3"><v>1' + b"0" * 5000 + b"</v></c></row>"),
    ("float-inf", b'<row r="3"><c r="J3"><v>1e400</v></c></row>'),
    ("nan", b'<row r="3"><c r="J3"><v>NaN</v></c></row>'),
    ("bool", b'<row r="3"><c r="J3" t="b"><v>7</v></c></row>'),
    ("error", b'<row r="3"><c r="J3" t="e"><v>#DIV/0!</v></c></row>'),
    ("date-serial", b'<row r="3"><c r="L3" s="1"><v>99999999999</v></c></row>'),
    ("formula", b'<row r="3"><c r="J3"><f>1/0</f></c></row>'),
    ("bad-ref", b'<row r="3"><c r="!!3"><v>1</v></c></row>'),
    ("neg-row", b'<row r="-5"><c r="A-5"><v>1</v></c></row>'),
    ("entity", b'<row r="3"><c r="A3" t="inlineStr"><is><t>&xxe;</t></is></c></row>'),
    ("nul", b'<row r="3"><c r="A3" t="inlineStr"><is><t>\x00</t></is></c></row>'),
)


@st.composite
def xlsx_mutations(draw: Any) -> list[tuple[str, str, int]]:
    """Edits to the members of an XLSX zip: sheet XML, shared strings, workbook, content types."""
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(
                    ("sheet-edit", "drop-member", "corrupt-member", "empty-member", "bytes", "styles-edit")
                ),
                st.sampled_from([name for name, _ in XLSX_EDITS]),
                st.integers(0, 1 << 20),
            ),
            max_size=3,
        )
    )


def mutate_xlsx(
    data: bytes, ops: list[tuple[str, str, int]], byte_ops: list[tuple[str, int, bytes]]
) -> bytes:
    members = zip_members(data)
    if members is None:
        return mutate(data, byte_ops)
    edits = dict(XLSX_EDITS)
    for op, edit, where in ops:
        names = sorted(members)
        if not names:
            break
        sheets = [n for n in names if n.startswith("xl/worksheets/")] or names
        if op == "sheet-edit":
            name = sheets[where % len(sheets)]
            body = members[name]
            if edit == "dimension":
                start = body.find(b"<dimension")
                end = body.find(b"/>", start)
                if start >= 0 and end >= 0:
                    body = body[:start] + edits[edit] + body[end + 2 :]
            else:
                at = body.find(b"</sheetData>")
                if at >= 0:
                    body = body[:at] + edits[edit] + body[at:]
            members[name] = body
        elif op == "drop-member" and members:
            members.pop(names[where % len(names)], None)
        elif op == "corrupt-member" and members:
            name = names[where % len(names)]
            if name in members:
                members[name] = mutate(members[name], byte_ops)
        elif op == "empty-member" and members:
            name = names[where % len(names)]
            if name in members:
                members[name] = b""
        elif op == "styles-edit" and "xl/styles.xml" in members:
            members["xl/styles.xml"] = mutate(members["xl/styles.xml"], byte_ops)
    out = rezip(members)
    return mutate(out, byte_ops) if any(op == "bytes" for op, _, _ in ops) else out


# --------------------------------------------------------------------------------------------------
# Cells of spreadsheets and registries

cell_value = st.one_of(
    st.none(),
    any_text(big=False),
    st.sampled_from(ALL_FRAGMENTS),
    st.sampled_from(
        (
            "1403-01-15",
            "۱۴۰۳-۰۴-۰۵",
            "1403-06-31",
            "2024-06-25 09:30",
            "0000-00-00",
            "1403/13/40",
            "submitted",
            "draft",
            "not_applicable",
            "P1",
            "R2",
            "A1",
            "true",
            "false",
            "",
        )
    ),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from((10**20, -(10**20), 10**400, 2**63, 0)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)


HUGE_MARK = "HUGE-INT:"


def _huge_numbers(data: bytes) -> bytes:
    """Turn the text cells marked HUGE_MARK into number cells (`<v>1000…</v>`), as Excel could write them."""
    members = zip_members(data)
    if not members:
        return data
    import re

    pattern = re.compile(
        rb'<c r="([A-Z]+[0-9]+)"([^>]*?) t="(?:inlineStr|str)"><is><t[^>]*>'
        + re.escape(HUGE_MARK.encode())
        + rb"(-?[0-9]+)</t></is></c>"
    )
    changed = False
    for name in [n for n in members if n.startswith("xl/worksheets/")]:
        body, count = pattern.subn(
            lambda m: b'<c r="' + m[1] + b'"' + m[2] + b' t="n"><v>' + m[3] + b"</v></c>", members[name]
        )
        if count:
            members[name], changed = body, True
    return rezip(members) if changed else data


def xlsx_bytes(sheets: dict[str, list[list[Any]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([_xlsx_safe(v) for v in row])
    out = io.BytesIO()
    try:
        book.save(out)
    except Exception:  # a value openpyxl refuses to write: the same table as text
        return (
            xlsx_bytes(
                {t: [[None if v is None else str(v) for v in r] for r in rows] for t, rows in sheets.items()}
            )
            if any(not isinstance(v, str | None) for rows in sheets.values() for r in rows for v in r)
            else b""
        )
    return _huge_numbers(out.getvalue())


def _xlsx_safe(value: Any) -> Any:
    """What openpyxl agrees to write (it refuses control characters in text); ints too big become text."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        return value.encode("utf-8", "replace").decode("utf-8")[:2000]
    if isinstance(value, float) and value != value:
        return "nan"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**300:
        return HUGE_MARK + str(value)  # openpyxl cannot write it: a text cell, made a number afterwards
    if isinstance(value, dt.date) and value.year < 1900:
        return value.isoformat()
    return value


def csv_bytes(rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue().encode("utf-8", "surrogatepass")


# --------------------------------------------------------------------------------------------------
# Cases: what one generated input is, and how each target runs it


@dataclasses.dataclass
class Case:
    target: str
    suffix: str  # the file suffix the input is read as (.txt/.html for text targets)
    data: bytes
    meta: dict[str, Any] = dataclasses.field(default_factory=dict)


def text_case(target: str, text: str, **meta: Any) -> Case:
    return Case(target, ".txt", text.encode("utf-8", "surrogatepass"), meta)


def case_text(case: Case) -> str:
    return case.data.decode("utf-8", "surrogatepass")


# normalizer -----------------------------------------------------------------------------------------

normalize_options = st.fixed_dictionaries(
    {},
    optional={
        "digits": st.sampled_from(("fa", "latin", "keep")),
        "remove_diacritics": st.booleans(),
        "remove_kashida": st.booleans(),
        "fold_invisible": st.booleans(),
        "fix_spacing": st.booleans(),
        "repair_zwnj": st.booleans(),
        "heh_ye": st.sampled_from(("ye", "hamza", "keep")),
        "persian_punctuation": st.booleans(),
    },
)


@st.composite
def normalizer_cases(draw: Any) -> Case:
    return text_case("normalizer", draw(any_text()), options=draw(normalize_options))


_STATE: dict[str, Any] = {}


def run_normalizer(case: Case) -> None:
    from sanjeh.text import NormalizeOptions, normalize_text

    options = dict(case.meta.get("options") or {})
    known = {f.name for f in dataclasses.fields(NormalizeOptions)}
    result = normalize_text(
        case_text(case), NormalizeOptions(**{k: v for k, v in options.items() if k in known})
    )
    if not isinstance(result.text, str):
        raise AssertionError("normalize_text returned no text")
    # The offset map is built lazily; the reader and the CLI's spans read it, so it is part of the result.
    # Its documented shape: len(text) + 1 non-decreasing raw indexes ending at len(raw).
    raw = case_text(case)
    offsets = result.offsets[:]
    if len(offsets) != len(result.text) + 1 or offsets[-1] != len(raw):
        raise AssertionError(f"{len(offsets)} offsets for {len(result.text)} characters, last {offsets[-1]}")
    if any(a > b for a, b in itertools.pairwise(offsets)):
        raise AssertionError("offsets decrease")


# reader ---------------------------------------------------------------------------------------------


@st.composite
def article_text(draw: Any) -> str:
    """An article as scraped: kicker, title, lead with agency stamp, quoted body lines, furniture."""
    lines = [
        draw(st.sampled_from(("", "مدیر کل روابط عمومی استانداری تهران:", "روتیتر"))),
        " ".join(draw(st.lists(st.sampled_from(PERSIAN_WORDS), min_size=1, max_size=14))),
        "به گزارش "
        + draw(st.sampled_from(("ایرنا", "ایسنا", "خبرگزاری فارس", "روابط عمومی")))
        + "، "
        + draw(mixed_text(max_fragments=20)),
    ]
    for _ in range(draw(st.integers(0, 8))):
        lines.append(draw(st.one_of(mixed_text(), st.just("وی گفت: «" + draw(mixed_text(8)) + "»"))))
    lines += draw(
        st.lists(st.sampled_from(("انتهای پیام/", "اشتراک گذاری", "برچسب‌ها:", "کد خبر: ۱۲۳")), max_size=3)
    )
    return "\n".join(lines)


@st.composite
def html_page(draw: Any) -> str:
    title = draw(mixed_text(8))
    tags = draw(
        st.lists(
            st.sampled_from(
                ("p", "div", "h1", "h2", "li", "span", "a", "time", "script", "style", "table", "blockquote")
            ),
            max_size=12,
        )
    )
    parts = []
    for tag in tags:
        cls = draw(st.sampled_from(("", ' class="lead"', ' class="rotitr"', ' class="author"')))
        parts.append(f"<{tag}{cls}>{draw(mixed_text(12))}</{tag}>")
    body = "".join(parts)
    ld = json.dumps(
        {
            "@type": "NewsArticle",
            "headline": draw(mixed_text(5)),
            "datePublished": draw(st.sampled_from(("2024-06-25T09:30:00+03:30", "x", "", "1403-04-05"))),
        },
        ensure_ascii=draw(st.booleans()),
    )
    meta = (
        f'<meta property="og:title" content="{draw(mixed_text(4))}">'
        f'<meta property="article:published_time" content="{draw(mixed_text(3))}">'
        f'<meta property="og:site_name" content="{draw(mixed_text(3))}">'
    )
    script = f'<script type="application/ld+json">{ld}</script>'
    charset = draw(
        st.sampled_from(
            (
                "",
                '<meta charset="utf-8">',
                '<meta charset="windows-1256">',
                '<meta charset="x-unknown">',
                '<?xml version="1.0" encoding="utf-16"?>',
            )
        )
    )
    return (
        f"<!DOCTYPE html><html dir=rtl>{charset}<head><title>{title}</title>{meta}{script}</head>"
        f"<body><article>{body}</article></body></html>"
    )


@st.composite
def reader_cases(draw: Any) -> Case:
    mode = draw(st.sampled_from(("text", "text", "html", "html-bytes")))
    url = draw(
        st.one_of(
            st.none(),
            st.sampled_from(
                (
                    "https://www.irna.ir/news/1403/04/05/x",
                    "http://[::1",
                    "javascript:alert(1)",
                    "http://a/1403/13/45/",
                )
            ),
            st.text(max_size=30),
        )
    )
    if mode == "text":
        text = draw(st.one_of(article_text(), any_text()))
        return text_case(
            "reader",
            text,
            mode=mode,
            url=url,
            published=draw(
                st.one_of(
                    st.none(),
                    st.sampled_from(("1403-04-05", "2024-06-25T09:30", "9999-99-99", "")),
                    st.text(max_size=20),
                )
            ),
        )
    page = draw(st.one_of(html_page(), html_page(), any_text()))
    data = page.encode(draw(st.sampled_from(("utf-8", "utf-16"))), "surrogatepass")
    data = mutate(data, draw(mutations()))
    if mode == "html":
        data = data.decode("utf-8", "replace").encode("utf-8")
    return Case("reader", ".html", data, {"mode": mode, "url": url})


def run_reader(case: Case) -> None:
    reader = _STATE.get("reader")
    if reader is None:
        from sanjeh.news import Reader

        reader = _STATE["reader"] = Reader()
    url = case.meta.get("url")
    if case.meta.get("mode") == "text" or case.suffix == ".txt":
        reader.read_text(case_text(case), url=url, published=case.meta.get("published"))
    elif case.meta.get("mode") == "html":
        reader.read_html(case.data.decode("utf-8", "replace"), url=url)
    else:
        reader.read_html(case.data, url=url)


# registry -------------------------------------------------------------------------------------------

REGISTRY_COLUMNS = {
    "peer_groups": ("code", "name", "order"),
    "agencies": ("code", "name", "aliases", "parent", "peer_group", "province", "active_from", "active_to"),
    "officials": ("person", "honorific", "role_title", "agency", "is_spokesperson", "start", "end"),
    "outlets": ("name", "aliases", "domains", "kind", "tier_weight"),
}
section_name = st.one_of(
    *[st.sampled_from(tuple(REGISTRY_COLUMNS))] * 8,
    st.sampled_from(("meta", "synthetic", "x", "")),
    st.text(max_size=8),
)


@st.composite
def registry_tables(draw: Any) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for section in draw(st.lists(section_name, min_size=1, max_size=5, unique=True)):
        columns = REGISTRY_COLUMNS.get(section, ("code", "name"))
        extra = draw(st.lists(st.sampled_from(("bogus", "", "section", "کد")), max_size=1))
        rows = []
        for _ in range(draw(st.integers(0, 6))):
            keys = draw(st.lists(st.sampled_from((*columns, *extra)), max_size=len(columns) + 1, unique=True))
            rows.append(
                {
                    k: draw(st.one_of(cell_value, st.lists(st.sampled_from(PERSIAN_WORDS), max_size=3)))
                    for k in keys
                }
            )
        tables[section] = rows
    return tables


def _yaml_text(tables: dict[str, Any], style: int) -> bytes:
    import yaml

    def plain(v: Any) -> Any:
        if isinstance(v, float) and v != v:
            return ".nan"
        if isinstance(v, str):
            return v.encode("utf-8", "replace").decode("utf-8")
        if isinstance(v, dict):
            return {plain(k): plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v

    try:
        text = yaml.safe_dump(
            plain(tables), allow_unicode=bool(style & 1), sort_keys=False, default_flow_style=bool(style & 2)
        )
    except Exception:  # yaml refuses some control characters; fall back to its escaped form
        text = yaml.safe_dump(plain(tables), allow_unicode=False, sort_keys=False)
    return text.encode("utf-8")


YAML_SPECIALS = (
    b"a: &a [*a, *a]\n",
    b"peer_groups: !!python/object/apply:os.system ['true']\n",
    b"peer_groups: " + b"[" * 200 + b"]" * 200 + b"\n",
    b"peer_groups: " + b"[" * 30 + b"\n",
    b"agencies:\n- {code: x, active_from: 1403-06-31}\n",
    b"? [a]\n: b\n",
    b"--- \n--- \n",
    b"%YAML 9.9\n",
    b"agencies: [" + b"{code: a}, " * 2000 + b"]\n",
    b"officials:\n- person: x\n  start: 2024-02-30\n",
    b"peer_groups:\n- !!binary AAAA\n",
    b"peer_groups:\n- {<<: {code: x}}\n",
    b"1: [a]\n",
    b"null: []\n",
    b"agencies:\n- ? [x]\n  : y\n",
    b"a: !!set {x}\n",
    b"peer_groups:\n- {code: !!timestamp 2001-12-14}\n",
)


@st.composite
def registry_cases(draw: Any) -> Case:
    fmt = draw(st.sampled_from(("yaml", "yaml", "csv", "csv", "xlsx", "xlsx", "yml", "XLSX")))
    suffix = "." + fmt
    tables = draw(registry_tables())
    kind = draw(st.sampled_from(("built", "built", "mutated", "mutated", "special", "random")))
    limit = draw(st.sampled_from((10 * 1024 * 1024,) * 9 + (200,)))  # sometimes a tiny upload limit
    if kind == "random":
        return Case("registry", suffix, draw(st.binary(max_size=2000)), {"kind": kind, "max_bytes": limit})
    if fmt.lower() in ("yaml", "yml"):
        data = _yaml_text(tables, draw(st.integers(0, 3)))
        if kind == "special":
            data = draw(st.sampled_from(YAML_SPECIALS)) + data
    elif fmt == "csv":
        header = ["section", *dict.fromkeys(c for cols in REGISTRY_COLUMNS.values() for c in cols)]
        header += draw(st.lists(st.sampled_from(("bogus", "", "section")), max_size=1))
        rows = [header]
        for section, items in tables.items():
            for item in items:
                rows.append([section, *(_csv_value(item.get(c)) for c in header[1:])])
        if kind == "special":
            rows.insert(draw(st.integers(1, len(rows))), draw(st.lists(cell_value, max_size=40)))
            if draw(st.integers(0, 9)) == 0:  # one cell past csv's field size limit (131,072)
                rows.append(["agencies", "x" * 140_000])
        data = csv_bytes(rows)
        if kind == "special":
            data = draw(st.sampled_from((b"\xef\xbb\xbf", b"\xff\xfe", b"", b'"', b"section\n"))) + data
    else:
        sheets = {}
        for section, items in tables.items():
            columns = list(REGISTRY_COLUMNS.get(section, ("code", "name")))
            title = (section or "Sheet")[:31].translate({ord(c): "_" for c in "[]:*?/\\"}) or "Sheet"
            title = "".join(c if c.isprintable() else "_" for c in title).strip("'") or "Sheet"
            sheets[title] = [columns] + [[_csv_value(item.get(c)) for c in columns] for item in items]
        try:
            data = xlsx_bytes(sheets or {"peer_groups": [["code", "name", "order"]]})
        except Exception:  # a title openpyxl refuses: fall back to the plain sections
            data = xlsx_bytes({"peer_groups": [["code", "name", "order"], ["g1", "گروه", 1]]})
        if kind in ("mutated", "special"):
            data = mutate_xlsx(data, draw(xlsx_mutations()), draw(mutations()))
        return Case("registry", suffix, data, {"kind": kind, "max_bytes": limit})
    if kind == "mutated":
        data = mutate(data, draw(mutations()))
    return Case("registry", suffix, data, {"kind": kind, "max_bytes": limit})


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return value


@contextlib.contextmanager
def as_file(case: Case) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="sanjeh-fuzz-") as tmp:
        path = Path(tmp) / f"input{case.suffix}"
        path.write_bytes(case.data)
        yield path


def run_registry(case: Case) -> None:
    from sanjeh.registry.exchange import read_rows

    with as_file(case) as path:
        read_rows(path, max_bytes=case.meta.get("max_bytes", 10 * 1024 * 1024))


# sheet ----------------------------------------------------------------------------------------------

SHEET_PERIOD = "1403-spring"


def _sheet_context() -> dict[str, Any]:
    if "sheet" not in _STATE:
        from sanjeh.evaluation.sheets import KEYS, SheetAgency
        from sanjeh.scoring.framework_yaml import load_default_framework

        framework = load_default_framework()
        agencies = {
            "A1": SheetAgency("A1", "استانداری تهران", "G1"),
            "A2": SheetAgency("A2", "اداره کل \u202eبهداشت", "G2"),
        }
        _STATE["sheet"] = {
            "framework": framework,
            "agencies": agencies,
            "keys": KEYS,
            "indicators": tuple(framework.indicators),
        }
    return _STATE["sheet"]


@st.composite
def sheet_cases(draw: Any) -> Case:
    from sanjeh.evaluation.sheets import COLUMNS, SHEET_NAME, template_rows

    ctx = _sheet_context()
    fmt = draw(st.sampled_from((*[".xlsx"] * 5, *[".csv"] * 4, ".CSV", ".xls", "")))
    kind = draw(st.sampled_from(("built", "built", "mutated", "mutated", "random")))
    meta = {
        "kind": kind,
        "max_bytes": draw(st.sampled_from((10 * 1024 * 1024,) * 9 + (300,))),
        "max_rows": draw(st.sampled_from((2_000,) * 9 + (3,))),
    }
    if kind == "random":
        return Case("sheet", fmt, draw(st.binary(max_size=2000)), meta)
    indicators = draw(
        st.lists(st.sampled_from(ctx["indicators"]), min_size=1, max_size=6, unique_by=lambda i: i.code)
    )
    rows = template_rows(
        period=SHEET_PERIOD,
        agencies=list(ctx["agencies"].values()),
        indicators=indicators,
        samples={"A1": ["https://example.ir/n/1", "x"], "A2": []},
    )
    keys = list(ctx["keys"])
    fill_keys = (
        "period",
        "agency",
        "indicator",
        "item",
        "status",
        "value_1",
        "value_2",
        "submitted_at",
        "evidence_note",
        "evidence_links",
        "rater_1",
        "rating_1",
        "rater_2",
        "rating_2",
        "rater_3",
        "rating_3",
        "comment",
    )
    for row in rows:
        for key in draw(st.lists(st.sampled_from(fill_keys), max_size=6, unique=True)):
            row[key] = draw(
                st.one_of(
                    cell_value,
                    st.sampled_from(
                        (
                            "submitted",
                            "3",
                            "۴",
                            "1403-04-05 25:99",
                            "https://a.ir x",
                            "javascript:1",
                            SHEET_PERIOD,
                        )
                    ),
                    st.datetimes().map(lambda d: d.replace(microsecond=0)),
                    st.dates(),
                )
            )
    header = list(keys)
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    if draw(st.integers(0, 9)) == 0:
        header = header[: draw(st.integers(0, len(header)))]
    table = [header]
    if fmt.lower() != ".csv" or draw(st.booleans()):
        table.append([dict(COLUMNS).get(k, "") for k in header])
    table += [[row.get(k) for k in header] for row in rows]
    table += draw(st.lists(st.lists(cell_value, max_size=25), max_size=3))
    if draw(st.integers(0, 19)) == 0:
        table.append([SHEET_PERIOD, "A1", "", "", "P3", "", "", "", "draft", "x" * 140_000])
    if fmt.lower() == ".csv":
        data = csv_bytes([[_csv_cell(v) for v in r] for r in table])
        if draw(st.booleans()):
            data = b"\xef\xbb\xbf" + data
    else:
        title = draw(st.sampled_from((SHEET_NAME, SHEET_NAME, SHEET_NAME, "Sheet1")))
        extra = {"other": [["x"]]} if draw(st.booleans()) else {}
        data = xlsx_bytes({title: table, **extra})
        if kind == "mutated":
            data = mutate_xlsx(data, draw(xlsx_mutations()), draw(mutations()))
            return Case("sheet", fmt, data, meta)
    if kind == "mutated":
        data = mutate(data, draw(mutations()))
    return Case("sheet", fmt, data, meta)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    return value


def run_sheet(case: Case) -> None:
    from sanjeh.evaluation.sheets import read_sheet

    ctx = _sheet_context()
    with as_file(case) as path:
        rows, problems = read_sheet(
            path,
            period=SHEET_PERIOD,
            agencies=ctx["agencies"],
            indicators=ctx["indicators"],
            max_rows=case.meta.get("max_rows", 2_000),
            max_bytes=case.meta.get("max_bytes", 10 * 1024 * 1024),
        )
        if not isinstance(rows, list) or not isinstance(problems, list):
            raise AssertionError("read_sheet returned no (rows, problems) lists")


# feed -----------------------------------------------------------------------------------------------


def _escape(text: str, cdata: bool) -> str:
    if cdata:
        return "<![CDATA[" + text + "]]>"
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


LINKS = (
    "https://news.example.ir/fa/news/1",
    "http://news.example.ir/x?a=1&amp;b=2",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "ftp://x/y",
    "/relative/path",
    "relative",
    "http://[::1",
    "http://[::1]:99999/",
    "http://a b/",
    "http://user:pw@host/",
    "https://ünïcode.ir/خبر",
    "http://unreachable.test/",
    "http://status404.test/",
    "http://status500.test/",
    "http://huge.test/",
    "http://text.test/",
    "",
    "http://\u202eevil.test/",
    "http://x.test/\x00",
    "https://" + "a" * 300 + ".ir/",
)
DATES = (
    "Tue, 25 Jun 2024 09:30:00 +0330",
    "2024-06-25T09:30:00Z",
    "1403-04-05",
    "Mon, 99 Foo 9999 99:99:99",
    "",
    "0000-00-00T00:00:00Z",
    "Sat, 01 Jan 0001 00:00:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 -2400",
)


@st.composite
def feed_document(draw: Any) -> str:
    atom = draw(st.booleans())
    entries = []
    for _ in range(draw(st.integers(0, 5))):
        cdata = draw(st.booleans())
        title = _escape(draw(mixed_text(10)), cdata)
        link = draw(st.one_of(st.sampled_from(LINKS), st.text(max_size=30)))
        link_xml = link.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
        date = draw(st.sampled_from(DATES))
        summary = _escape(draw(mixed_text(15)), draw(st.booleans()))
        if atom:
            entries.append(
                f'<entry><title type="html">{title}</title><link href="{link_xml}"/>'
                f"<id>{draw(st.text(max_size=10))}</id><updated>{date}</updated>"
                f"<summary>{summary}</summary></entry>"
            )
        else:
            entries.append(
                f"<item><title>{title}</title><link>{link_xml}</link><guid>{draw(st.text(max_size=10))}"
                f"</guid><pubDate>{date}</pubDate><description>{summary}</description></item>"
            )
    prolog = draw(
        st.sampled_from(
            (
                '<?xml version="1.0" encoding="utf-8"?>',
                "",
                '<?xml version="1.1"?>',
                '<?xml version="1.0" encoding="windows-1256"?>',
                '<!DOCTYPE r [<!ENTITY e "ee"><!ENTITY f "&e;&e;&e;">]>',
                '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            )
        )
    )
    body = "".join(entries)
    if atom:
        return f'{prolog}<feed xmlns="http://www.w3.org/2005/Atom"><title>{draw(mixed_text(4))}</title>{body}</feed>'
    return f'{prolog}<rss version="2.0"><channel><title>خبرها</title><link>http://x.ir</link>{body}</channel></rss>'


@st.composite
def feed_cases(draw: Any) -> Case:
    suffix = draw(st.sampled_from((".xml", ".rss", ".atom", ".RSS")))
    kind = draw(st.sampled_from(("built", "built", "mutated", "mutated", "random", "text")))
    if kind == "random":
        data = draw(st.binary(max_size=2000))
    elif kind == "text":
        data = draw(any_text()).encode("utf-8", "surrogatepass")
    else:
        data = draw(feed_document()).encode(
            draw(st.sampled_from(("utf-8", "utf-8", "utf-16"))), "surrogatepass"
        )
        if kind == "mutated":
            data = mutate(data, draw(mutations()))
    return Case("feed", suffix, data, {"kind": kind})


def _mock_transport() -> Any:
    import httpx

    def handler(request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"Request URL has an unsupported protocol '{url.scheme}://'.")
        if not url.host:
            raise httpx.UnsupportedProtocol("Request URL is missing a host.")
        host = url.host
        if host == "unreachable.test":
            raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)
        if host in ("status404.test", "status500.test"):
            return httpx.Response(int(host[6:9]), text="error", request=request)
        if host == "huge.test":
            return httpx.Response(200, content=b"<p>" + b"x" * 70_000, request=request)
        if host == "text.test":
            return httpx.Response(200, text="سلام", headers={"Content-Type": "text/plain"}, request=request)
        page = f"<html><body><h1>عنوان</h1><p>متن خبر {str(url)[:200]}</p></body></html>"
        return httpx.Response(
            200, text=page, headers={"Content-Type": "text/html; charset=utf-8"}, request=request
        )

    return httpx.MockTransport(handler)


def _feed_source() -> Any:
    if "feed" not in _STATE:
        import httpx

        from sanjeh.ingest.feeds import USER_AGENT, FeedFetcher
        from sanjeh.ingest.sources import FeedSource
        from sanjeh.ingest.types import SizeLimits

        transport = _mock_transport()

        class MockFetcher(FeedFetcher):
            def _client(self) -> httpx.Client:
                return httpx.Client(
                    timeout=self.timeout,
                    follow_redirects=True,
                    headers={"User-Agent": USER_AGENT},
                    transport=transport,
                )

        limits = SizeLimits(item_bytes=64 * 1024, feed_bytes=256 * 1024)
        _STATE["feed"] = (FeedSource, MockFetcher, limits)
    return _STATE["feed"]


def run_feed(case: Case) -> None:
    from sanjeh.ingest.types import RawItem, SourceFailure

    FeedSource, MockFetcher, limits = _feed_source()
    source = FeedSource(fetcher=MockFetcher(per_host_interval=0.0, timeout=5.0, limits=limits), limits=limits)
    with as_file(case) as path:
        if not source.applies(str(path)):
            return  # a suffix the feed reader does not take (the registry of readers names it)
        for produced in source.read(str(path)):
            if not isinstance(produced, RawItem | SourceFailure):
                raise AssertionError(f"feed produced {type(produced).__name__}")


# --------------------------------------------------------------------------------------------------
# Running

STRATEGIES: dict[str, Callable[[], st.SearchStrategy[Case]]] = {
    "normalizer": normalizer_cases,
    "reader": reader_cases,
    "registry": registry_cases,
    "sheet": sheet_cases,
    "feed": feed_cases,
}
RUNNERS: dict[str, Callable[[Case], None]] = {
    "normalizer": run_normalizer,
    "reader": run_reader,
    "registry": run_registry,
    "sheet": run_sheet,
    "feed": run_feed,
}


class Hang(Exception):
    """An input ran past HANG_SECONDS."""


class _SwallowedErrors(logging.Handler):
    """Counts exceptions a target logged and carried on from (the reader's semantics step boundary)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        self.kinds: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[0] is not None:
            self.count += 1
            name = record.exc_info[0].__name__
            self.kinds[name] = self.kinds.get(name, 0) + 1


def _alarm(signum: int, frame: Any) -> None:
    raise Hang(f"no answer within {HANG_SECONDS} s")


@dataclasses.dataclass
class Outcome:
    status: str  # ok | expected | crash
    seconds: float
    error: str = ""
    message: str = ""
    where: str = ""
    trace: str = ""


def signature(exc: BaseException) -> str:
    """Exception type and the innermost frame in sanjeh (else the innermost frame): one per bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/sanjeh/" in f.filename and "/bench/" not in f.filename]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return type(exc).__name__
    return f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno} ({frame.name})"


def execute(case: Case, *, alarm: bool = True) -> Outcome:
    from sanjeh.errors import SanjehError

    runner = RUNNERS[case.target]
    use_alarm = alarm and hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(HANG_SECONDS)
    start = time.perf_counter()
    try:
        runner(case)
        return Outcome("ok", time.perf_counter() - start)
    except SanjehError as exc:
        seconds = time.perf_counter() - start
        message = str(exc)
        if "\n" in message.strip() or not message.strip():
            return Outcome(
                "crash", seconds, "MultiLineMessage", message[:500], f"{type(exc).__name__} message"
            )
        return Outcome("expected", seconds, type(exc).__name__, message[:300])
    except (Exception, RecursionError) as exc:  # every other exception is what the fuzzer looks for
        seconds = time.perf_counter() - start
        return Outcome(
            "crash",
            seconds,
            type(exc).__name__,
            str(exc)[:500],
            signature(exc),
            "".join(traceback.format_exception(exc)[-12:]),
        )
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


WARM_UP = {
    "normalizer": Case("normalizer", ".txt", "سلام می روم".encode()),
    "reader": Case(
        "reader",
        ".html",
        "<html><body><p>به گزارش ایرنا، وزیر گفت: «سلام»</p></body></html>".encode(),
        {"mode": "html-bytes"},
    ),
    "registry": Case("registry", ".yaml", b"peer_groups:\n- {code: g1, name: x}\n"),
    "sheet": Case("sheet", ".csv", b"period,agency,indicator,status\n"),
    "feed": Case("feed", ".xml", b"<rss><channel><item><link>http://a.test/</link></item></channel></rss>"),
}


def warm_up(target: str) -> None:
    """Load lexicons, models and modules once, so the per-input time is the input's, not the import's."""
    for name in ("readability", "trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # their own complaints about broken pages
    execute(WARM_UP[target])
    if target == "reader":
        execute(
            Case(
                "reader",
                ".txt",
                "به گزارش ایرنا، وزیر امور خارجه گفت: «ما آماده‌ایم.»".encode(),
                {"mode": "text"},
            )
        )


def run_target(
    target: str,
    examples: int,
    *,
    seed: int = 0,
    derandomize: bool = False,
    save: Path | None = None,
    progress: bool = False,
    slowest_dir: Path | None = None,
) -> dict[str, Any]:
    """Run `examples` generated inputs into `target`; figures, and the crash/slow cases (saved to `save`)."""
    budget = BUDGET[target]
    stats: dict[str, Any] = {
        "target": target,
        "examples": 0,
        "ok": 0,
        "expected": 0,
        "crashes": 0,
        "slow": 0,
        "max_seconds": 0.0,
        "max_seconds_bytes": 0,
        "seed": seed,
        "expected_kinds": {},
        "crash_kinds": {},
        "max_seconds_100kb": 0.0,
    }
    slowest: list[Case] = []
    findings: dict[str, tuple[Case, Outcome]] = {}
    swallowed = _SwallowedErrors()
    logging.getLogger("sanjeh").addHandler(swallowed)
    logging.getLogger("sanjeh").propagate = False
    warm_up(target)
    unraisable: dict[str, int] = {}
    previous_hook = sys.unraisablehook

    def count_unraisable(info: Any) -> None:
        name = f"{info.exc_type.__name__} in {getattr(info.object, '__qualname__', repr(info.object))[:60]}"
        unraisable[name] = unraisable.get(name, 0) + 1

    sys.unraisablehook = count_unraisable
    started = time.perf_counter()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=derandomize,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],
        verbosity=Verbosity.quiet,
    )
    @given(STRATEGIES[target]())
    def body(case: Case) -> None:
        outcome = execute(case)
        stats["examples"] += 1
        if outcome.seconds > stats["max_seconds"]:
            stats["max_seconds"], stats["max_seconds_bytes"] = outcome.seconds, len(case.data)
            slowest[:] = [case]
        if len(case.data) <= 100_000 and outcome.seconds > stats["max_seconds_100kb"]:
            stats["max_seconds_100kb"] = outcome.seconds
        if outcome.status == "expected":
            stats["expected"] += 1
            stats["expected_kinds"][outcome.error] = stats["expected_kinds"].get(outcome.error, 0) + 1
        elif outcome.status == "ok":
            stats["ok"] += 1
        key = None
        if outcome.status == "crash":
            stats["crashes"] += 1
            key = outcome.where or outcome.error
            stats["crash_kinds"][key] = stats["crash_kinds"].get(key, 0) + 1
        elif outcome.seconds > budget and len(case.data) <= 110_000:
            stats["slow"] += 1
            key = f"slow ({len(case.data) // 10_000 * 10} KB class)"
            outcome = dataclasses.replace(
                outcome, status="slow", error="Slow", message=f"{outcome.seconds:.2f} s > {budget} s"
            )
        if key is not None:
            kept = findings.get(key)
            if kept is None or len(case.data) < len(kept[0].data):
                findings[key] = (case, outcome)
        if progress and stats["examples"] % 500 == 0:
            print(
                f"{target}: {stats['examples']} examples, {stats['crashes']} crashes, "
                f"max {stats['max_seconds']:.3f} s, {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )

    if not derandomize:
        body = hypothesis_seed(seed)(body)
    try:
        body()
    finally:
        logging.getLogger("sanjeh").removeHandler(swallowed)
        logging.getLogger("sanjeh").propagate = True
        sys.unraisablehook = previous_hook
    stats["total_seconds"] = round(time.perf_counter() - started, 1)
    stats["max_seconds"] = round(stats["max_seconds"], 3)
    stats["max_seconds_100kb"] = round(stats["max_seconds_100kb"], 3)
    if slowest:
        stats["slowest_input"] = {
            "suffix": slowest[0].suffix,
            "meta": slowest[0].meta,
            "sha256": hashlib.sha256(slowest[0].data).hexdigest()[:16],
        }
        if slowest_dir is not None:
            slowest_dir.mkdir(parents=True, exist_ok=True)
            (slowest_dir / f"{target}-slowest.input").write_bytes(slowest[0].data)
    stats["swallowed"] = swallowed.count
    stats["swallowed_kinds"] = swallowed.kinds
    stats["unraisable"] = unraisable  # exceptions in __del__ and the like (e.g. a file closed twice)
    stats["cases"] = [
        save_case(case, outcome, seed, key, save) if save else key
        for key, (case, outcome) in sorted(findings.items())
    ]
    return stats


def save_case(case: Case, outcome: Outcome, seed: int, key: str, root: Path) -> str:
    """Write the input and a JSON sidecar (target, seed, exception, where) under root/<target>/."""
    data = case.data[:MAX_CASE_BYTES] if outcome.status != "crash" else case.data
    digest = hashlib.sha256(
        case.target.encode() + data + json.dumps(case.meta, sort_keys=True).encode()
    ).hexdigest()
    name = f"{outcome.error.lower()}-{digest[:10]}"
    folder = root / case.target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.input").write_bytes(data)
    sidecar = {
        "target": case.target,
        "suffix": case.suffix,
        "meta": case.meta,
        "seed": seed,
        "status": outcome.status,
        "exception": outcome.error,
        "where": key,
        "message": outcome.message,
        "seconds": round(outcome.seconds, 3),
        "found": time.strftime("%Y-%m-%d", time.gmtime()),
        "traceback": outcome.trace,
    }
    (folder / f"{name}.json").write_text(
        json.dumps(sidecar, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return f"{case.target}/{name}"


def load_case(sidecar: Path) -> tuple[Case, dict[str, Any]]:
    info = json.loads(sidecar.read_text(encoding="utf-8"))
    data = sidecar.with_suffix(".input").read_bytes()
    return Case(info["target"], info["suffix"], data, info.get("meta") or {}), info


def iter_cases(root: Path = CASES) -> Iterator[Path]:
    yield from sorted(root.glob("*/*.json"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=1000, help="generated inputs per target")
    parser.add_argument("--target", default="all", choices=("all", *TARGETS))
    parser.add_argument("--seed", type=int, default=20261208, help="hypothesis seed (kept with saved cases)")
    parser.add_argument("--save", type=Path, default=CASES, help="where crash/slow cases go")
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--progress", action="store_true")
    parser.add_argument("--slowest", type=Path, help="also write each target's slowest input to this folder")
    args = parser.parse_args(argv)
    targets = TARGETS if args.target == "all" else (args.target,)
    report = {
        "command": " ".join(["python bench/fuzz.py", *sys.argv[1:]]) if argv is None else "",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": sys.version.split()[0],
        "targets": {},
    }
    for target in targets:
        stats = run_target(
            target,
            args.examples,
            seed=args.seed,
            save=None if args.no_save else args.save,
            progress=args.progress,
            slowest_dir=args.slowest,
        )
        report["targets"][target] = stats
        if not args.json:
            print(
                f"{target:10} {stats['examples']:>6} examples  {stats['crashes']:>4} crashes  "
                f"{stats['slow']:>3} slow  max {stats['max_seconds']:.3f} s/input "
                f"({stats['max_seconds_100kb']:.3f} s up to 100 KB)  "
                f"total {stats['total_seconds']:.0f} s  swallowed {stats['swallowed']}"
            )
            for key, count in stats["crash_kinds"].items():
                print(f"    {count:>5}  {key}")
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    return 1 if any(s["crashes"] or s["slow"] for s in report["targets"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
