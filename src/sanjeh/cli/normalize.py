"""`sanjeh normalize [FILE|-]`: normalized text on stdout, one output line per input line.

The input is read in binary, its encoding sniffed from the first 64 KiB (sanjeh.text.decode), then
decoded incrementally and normalized in batches of whole lines, so a file of any size streams in
bounded memory. The normalizer never moves or merges line breaks; each batch's line count is checked.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Callable, Iterator
from typing import BinaryIO

import typer
from rich.console import Console
from rich.table import Table

from sanjeh.cli.errors import fail, reported_errors
from sanjeh.text import NormalizeOptions, Normalizer, TextError
from sanjeh.text.decode import detect_encoding, encoding_label
from sanjeh.text.normalize import KINDS, shared_normalizer
from sanjeh.text.types import DigitStyle

_SNIFF = 1 << 16
_READ = 1 << 20
_DIGIT_STYLES: tuple[DigitStyle, ...] = ("fa", "ar", "latin", "keep")


def _decoded_lines(stream: BinaryIO, codec: str, head: bytes, source: str) -> Iterator[str]:
    """Yield batches of complete lines (joined by "\\n", universal newlines), then the unterminated rest.

    A batch ends with "\\n"; the last item has no "\\n" when the input does not end with one.
    """
    decoder = codecs.getincrementaldecoder(codec)("strict")
    pending = ""
    consumed = 0
    chunk = head
    while True:
        final = not chunk
        try:
            pending += decoder.decode(chunk, final=final)
        except UnicodeDecodeError as exc:
            where = consumed + max(exc.start, 0)
            raise TextError(
                f"{source}: invalid {codec} near byte {where}; expected one encoding throughout"
            ) from None
        consumed += len(chunk)
        if "\r" in pending:
            keep_cr = pending.endswith("\r") and not final
            body = pending[:-1] if keep_cr else pending
            pending = body.replace("\r\n", "\n").replace("\r", "\n") + ("\r" if keep_cr else "")
        cut = pending.rfind("\n")
        if cut >= 0:
            yield pending[: cut + 1]
            pending = pending[cut + 1 :]
        if final:
            if pending:
                yield pending
            return
        chunk = stream.read(_READ)


def _normalize_batch(normalizer: Normalizer, batch: str, counts: dict[str, int]) -> str:
    body = batch[:-1] if batch.endswith("\n") else batch
    result = normalizer.normalize(body)
    text = result.text
    if text.count("\n") != body.count("\n"):  # the contract says never; keep lines aligned regardless
        lines = [normalizer.normalize(line) for line in body.split("\n")]
        text = "\n".join(r.text for r in lines)
        for r in lines:
            for kind, n in r.counts.items():
                counts[kind] = counts.get(kind, 0) + n
    else:
        for kind, n in result.counts.items():
            counts[kind] = counts.get(kind, 0) + n
    return text + ("\n" if batch.endswith("\n") else "")


def _stdout_writer() -> Callable[[str], object]:
    """Write UTF-8 whatever the locale says (Persian cannot go through a Latin-1 terminal encoding)."""
    out = sys.stdout
    if codecs.lookup(out.encoding or "ascii").name == "utf-8" or not hasattr(out, "buffer"):
        return out.write
    out.flush()
    return lambda text: out.buffer.write(text.encode("utf-8"))


def _report(counts: dict[str, int]) -> None:
    console = Console(stderr=True)
    table = Table(title="sanjeh normalize: changes")
    table.add_column("fix")
    table.add_column("count", justify="right")
    changed = [(kind, counts.get(kind, 0)) for kind in KINDS if counts.get(kind, 0)]
    for kind, n in changed:
        table.add_row(kind, str(n))
    table.add_row("total", str(sum(n for _, n in changed)), style="bold")
    console.print(table)


def normalize_command(
    file: str = typer.Argument("-", help="A text file, or - for standard input."),
    digits: str = typer.Option("fa", "--digits", help="Digit style: fa, ar, latin or keep."),
    keep_diacritics: bool = typer.Option(False, "--keep-diacritics", help="Keep harakat and other marks."),
    no_zwnj: bool = typer.Option(False, "--no-zwnj", help="Do not repair zero-width non-joiners."),
    report: bool = typer.Option(False, "--report", help="Print a table of the fixes made (stderr)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object: text, encoding, counts."),
) -> None:
    """Normalize Persian text (letters, digits, invisibles, spacing, ZWNJ)."""
    if digits not in _DIGIT_STYLES:
        raise fail(f"bad --digits value {digits!r}; allowed: {', '.join(_DIGIT_STYLES)}")
    style: DigitStyle = digits  # type: ignore[assignment]
    options = NormalizeOptions(digits=style, remove_diacritics=not keep_diacritics, repair_zwnj=not no_zwnj)
    source = "<stdin>" if file == "-" else file
    with reported_errors():
        stream: BinaryIO = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115
        try:
            head = stream.read(_SNIFF)
            codec, assumed, bom = detect_encoding(head, source=source)
            if assumed:
                sys.stderr.write(f"sanjeh: assumed {encoding_label(codec)} for {source}\n")
            normalizer = shared_normalizer(options)
            counts = dict.fromkeys(KINDS, 0)
            write = _stdout_writer()
            parts: list[str] = []
            for batch in _decoded_lines(stream, codec, head[bom:], source):
                text = _normalize_batch(normalizer, batch, counts)
                if as_json:
                    parts.append(text)
                else:
                    write(text)
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        if as_json:
            payload = {
                "text": "".join(parts),
                "encoding": encoding_label(codec),
                "encoding_assumed": assumed,
                "counts": counts,
            }
            write(json.dumps(payload, ensure_ascii=False) + "\n")
        if report:
            _report(counts)
