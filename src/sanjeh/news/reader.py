"""The article reader: raw text or HTML in, `Article` out.

Steps, in order: normalize (sanjeh.text, keeping the offset map) → split lines → boilerplate
(end marker, trailing menus, link lists) → structure (kicker, title, repeated title, lead, body,
outlet, byline) → semantics (persons, roles, organisations, quotes, tone) → dates → genre. Spans of
every stage are offsets into the clean text; they are mapped back through the clean→normalized
segments and `NormalizedText.to_raw` into the raw input (for HTML: into the extracted page text,
`sanjeh.news.html.extract_html(page).text`).
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import jdatetime

from sanjeh.errors import SanjehError
from sanjeh.news._patterns import DATELINE_OUTLET, fold_key
from sanjeh.news.boilerplate import remove_boilerplate
from sanjeh.news.dates import date_from_url, find_dates, parse_published
from sanjeh.news.errors import NewsError
from sanjeh.news.genre import GenreFeatures, classify_genre
from sanjeh.news.html import extract_html
from sanjeh.news.semantics import SemanticExtractor, Semantics
from sanjeh.news.structure import Hints, Line, clean_outlet, parse_structure, split_lines
from sanjeh.news.types import Article, Organization, Person, Quote, Span
from sanjeh.text import NormalizedText, NormalizeOptions, Normalizer, Sentence, decode_bytes, split_sentences
from sanjeh.text.normalize import shared_normalizer

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


class _SpanMap:
    """Clean-text offsets → raw offsets, through the clean text's line segments."""

    def __init__(self, normalized: NormalizedText, segments: Sequence[tuple[int, int, int]]) -> None:
        self._source = normalized
        self._normalized: NormalizedText | None = None
        self._segments = list(segments)  # (clean_start, normalized_start, length)
        self._starts = [segment[0] for segment in self._segments]

    def _offsets_ready(self) -> NormalizedText:
        """The normalized text with its offsets as a flat tuple, built once: `to_raw` bisects them,
        and a plain sequence keeps each of an article's few dozen lookups cheap. Slicing copies the
        offsets in C (`array("q", ...)` over the lazy map would convert them one by one)."""
        if self._normalized is None:
            self._normalized = dataclasses.replace(self._source, offsets=tuple(self._source.offsets[:]))
        return self._normalized

    def _to_normalized(self, offset: int) -> int:
        index = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        clean_start, normalized_start, length = self._segments[index]
        return normalized_start + min(max(offset - clean_start, 0), length)

    def to_raw(self, span: Span | None) -> Span | None:
        if span is None or not self._segments:
            return None
        start, end = span
        normalized_start = self._to_normalized(start)
        normalized_end = self._to_normalized(end - 1) + 1 if end > start else normalized_start
        normalized = self._offsets_ready()
        limit = len(normalized.text)
        normalized_start = min(normalized_start, limit)
        normalized_end = min(max(normalized_end, normalized_start), limit)
        return normalized.to_raw(normalized_start, normalized_end)


class Reader:
    """Reads articles; holds the loaded normalizer and semantic extractor, so build it once and reuse."""

    def __init__(
        self,
        *,
        normalizer: Normalizer | None = None,
        semantics: Callable[..., Semantics] | None = None,  # (text, sentences, *, byline) -> Semantics
    ) -> None:
        # the process-wide normalizer: one ZWNJ lexicon per process, shared with search and ingest
        self._normalizer = normalizer or shared_normalizer(NormalizeOptions())
        self._semantics = semantics or SemanticExtractor().extract

    def read_text(
        self,
        raw: str,
        *,
        url: str | None = None,
        published: str | None = None,
        outlet: str | None = None,
    ) -> Article:
        """An article from plain text as scraped (title, kicker, lead, body, trailing furniture)."""
        return self._read(
            raw, url=url, published=published, outlet=outlet, hints=None, site_name=None, furniture=()
        )

    def read_html(self, html: str | bytes, *, url: str | None = None) -> Article:
        """An article from an HTML page: main text by trafilatura/readability plus page metadata."""
        document = extract_html(html)
        hints = Hints(
            title=self._clean(document.title),
            kicker=self._clean(document.kicker),
            lead=self._clean(document.lead),
            label=self._clean(document.section),
        )
        return self._read(
            document.text,
            url=url,
            published=document.published,
            outlet=None,
            hints=hints,
            site_name=self._clean(document.site_name),
            furniture=tuple(line for line in map(self._clean, document.furniture) if line),
        )

    def read_file(self, path: str | Path) -> Article:
        """An article from a .txt/.text/.md or .html/.htm file; NewsError names the file otherwise."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
            allowed = ", ".join(sorted(TEXT_SUFFIXES | HTML_SUFFIXES))
            raise NewsError(
                f"{path}: cannot read a {suffix or 'suffix-less'} file as an article; expected {allowed}"
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise NewsError(
                f"{path}: cannot be read ({exc.strerror or exc}); expected a readable article file"
            ) from exc
        if suffix in HTML_SUFFIXES:
            return self.read_html(data, url=None)
        return self.read_text(_decode_text(data, path))

    def _clean(self, value: str | None) -> str | None:
        if not value:
            return None
        text = " ".join(self._normalizer.normalize(value).text.split())
        return text or None

    def _read(
        self,
        raw: str,
        *,
        url: str | None,
        published: str | None,
        outlet: str | None,
        hints: Hints | None,
        site_name: str | None,
        furniture: tuple[str, ...],
    ) -> Article:
        normalized = self._normalizer.normalize(raw)
        cleaned = remove_boilerplate(split_lines(normalized.text))
        structure = parse_structure(cleaned.kept, hints)
        clean_text, segments = _join(structure.lines)
        spans = _SpanMap(normalized, segments)
        sentences = split_sentences(clean_text) if clean_text else []
        byline = structure.byline.text if structure.byline is not None else None
        semantics = self._extract_semantics(clean_text, sentences, byline)
        # The page's own date first, then the text's stamp, then the date in the address.
        reference = parse_published(published) or parse_published(cleaned.stamp) or date_from_url(url)
        dates = tuple(
            dataclasses.replace(mention, span=spans.to_raw(mention.span))
            for mention in find_dates(clean_text, reference=reference)
        )
        persons = tuple(_person(p, spans) for p in semantics.persons)
        outlet_name = outlet or structure.outlet or cleaned.source or site_name or _dateline(cleaned.kept)
        organizations = tuple(
            _organization(o, spans) for o in semantics.organizations if not _is_outlet(o, outlet_name)
        )
        quotes = tuple(_quote(q, spans) for q in semantics.quotes)
        speakers = {q.speaker for q in quotes if q.speaker}
        decision = classify_genre(
            GenreFeatures(
                title=_text(structure.title),
                kicker=_text(structure.kicker),
                label=structure.label,
                lines=[line.text for line in (structure.lead, *structure.body) if line is not None],
                byline_author=structure.byline_author,
                byline_kind=structure.byline_kind,
                quote_count=len(quotes),
                speakers=len(speakers),
                press_release=structure.source_attribution is not None,
            )
        )
        return Article(
            title=_text(structure.title),
            kicker=_kicker(structure.kicker),
            lead=_text(structure.lead),
            outlet=outlet_name,
            byline_author=structure.byline_author,
            genre=decision.genre,
            persons=persons,
            organizations=organizations,
            quotes=quotes,
            dates=dates,
            end_marker=cleaned.end_marker,
            boilerplate=furniture + tuple(line.text for line in cleaned.removed),
            body="\n".join(line.text for line in structure.body),
            source_attribution=structure.source_attribution,
            published=_published_iso(reference, published or cleaned.stamp),
            url=url,
            extra={"genre_reasons": list(decision.reasons)},
        )

    def _extract_semantics(self, text: str, sentences: Sequence[Sentence], byline: str | None) -> Semantics:
        if not text:
            return Semantics()
        try:
            return self._semantics(text, sentences, byline=byline)
        except Exception:  # pipeline step boundary: an article without semantics beats no article
            logger.exception("semantic extraction failed; the article keeps its structure only")
            return Semantics()


def _join(lines: Sequence[Line]) -> tuple[str, list[tuple[int, int, int]]]:
    segments: list[tuple[int, int, int]] = []
    position = 0
    for line in lines:
        segments.append((position, line.start, len(line.text)))
        position += len(line.text) + 1
    return "\n".join(line.text for line in lines), segments


def _kicker(line: Line | None) -> str | None:
    """The kicker without its trailing colon (`مدیر مخابرات منطقه لرستان:` names the speaker)."""
    if line is None:
        return None
    return line.text.rstrip(":： ") or None


def _text(line: Line | None) -> str | None:
    return line.text if line is not None else None


def _published_iso(reference: jdatetime.date | None, given: str | None) -> str | None:
    if reference is None:
        return given or None
    return str(reference.togregorian().isoformat())


def _decode_text(data: bytes, path: Path) -> str:
    try:
        return decode_bytes(data, source=str(path)).text
    except SanjehError as exc:
        raise NewsError(f"{path}: {exc}") from exc


def _dateline(lines: Sequence[Line]) -> str | None:
    """`خبرگزاری فارس:` on a line of its own near the top (often taken for a kicker): the outlet."""
    for line in lines[:6]:
        found = DATELINE_OUTLET.match(line.text)
        if found:
            return clean_outlet(found.group("who"))
    return None


_MEDIA_WORDS = ("خبرگزاری", "روزنامه", "پایگاه خبری", "خبرنگار", "سایت")


def _media_key(name: str) -> str:
    key = fold_key(name)
    for word in map(fold_key, _MEDIA_WORDS):
        if key.startswith(word) and len(key) > len(word):
            return key[len(word) :]
    return key


def _is_outlet(org: Organization, outlet: str | None) -> bool:
    """The outlet that publishes the article is its publisher, not an organisation it covers."""
    if not outlet:
        return False
    wanted = _media_key(outlet)
    return any(_media_key(form) == wanted for form in (org.name, *org.aliases))


def _person(person: Person, spans: _SpanMap) -> Person:
    return dataclasses.replace(person, spans=tuple(s for s in map(spans.to_raw, person.spans) if s))


def _organization(org: Organization, spans: _SpanMap) -> Organization:
    return dataclasses.replace(org, spans=tuple(s for s in map(spans.to_raw, org.spans) if s))


def _quote(quote: Quote, spans: _SpanMap) -> Quote:
    return dataclasses.replace(quote, span=spans.to_raw(quote.span))


_default_reader: Reader | None = None
_default_tone_path: str | None = None  # the tone model file of the default reader (None: shipped)


def default_reader() -> Reader:
    """The shared Reader behind the module-level functions (created on first use)."""
    global _default_reader
    if _default_reader is None:
        _default_reader = Reader()
    return _default_reader


def use_tone_model(path: str | Path | None) -> None:
    """Make the shared default Reader judge tone with the model at `path` (None: the shipped model).

    An instance that retrained its tone model (`sanjeh tone train`) calls this before reading, in every
    process that reads; the core itself never looks for settings.
    """
    from sanjeh.news.tone_logistic import LogisticToneModel

    global _default_reader, _default_tone_path
    wanted = str(path) if path else None
    if wanted == _default_tone_path:
        return  # already reading with that model (a new reader would load every lexicon again)
    extractor = SemanticExtractor(tone_model=LogisticToneModel.load(path) if path else None)
    _default_reader = Reader(semantics=extractor.extract)
    _default_tone_path = wanted


def read_text(
    raw: str, *, url: str | None = None, published: str | None = None, outlet: str | None = None
) -> Article:
    """Read a plain-text article with the shared default Reader."""
    return default_reader().read_text(raw, url=url, published=published, outlet=outlet)


def read_html(html: str | bytes, *, url: str | None = None) -> Article:
    """Read an HTML page with the shared default Reader."""
    return default_reader().read_html(html, url=url)


def read_file(path: str | Path) -> Article:
    """Read a .txt/.html article file with the shared default Reader."""
    return default_reader().read_file(path)


__all__ = ["Reader", "default_reader", "read_file", "read_html", "read_text", "use_tone_model"]
