"""Build the packaged Persian lexicon of sanjeh.text (word frequencies and verb stems), reproducibly.

Sources (fetched as wheels with `pip download --no-deps` into tools/.cache/, never imported):

- hazm 0.12.1 (MIT): `hazm/data/words.dat` (word, count, POS tags) and `verbs.dat` (past#present stems).
- shekar 1.7.0 (MIT): `shekar/data/files/vocab.csv` (word, count), `compound_words.csv`, `verbs.csv`.
- wordfreq 3.1.1 (code Apache-2.0, data CC BY-SA 4.0): `wordfreq/data/small_fa.msgpack.gz`
  (cBpack: list of buckets of words, bucket i holds words of frequency 10^(-i/100)).

The MIT sources go to `lexicon.tsv.gz`; the wordfreq-derived list stays a separate, separately licensed
file `wordfreq_fa.tsv.gz` (CC BY-SA 4.0 share-alike applies to that file only). Frequencies are written as
integers per billion tokens; shekar counts are calibrated to the wordfreq scale by the median ratio on the
words both hold, so the two files are comparable.

Run: `.venv/bin/python tools/build_lexicon.py` (needs PyPI once; later runs use the cache).
"""

from __future__ import annotations

import argparse
import gzip
import io
import statistics
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "tools" / ".cache"
OUT = ROOT / "src" / "sanjeh" / "text" / "data"

WHEELS = {
    "hazm": ("hazm==0.12.1", "hazm-0.12.1-py3-none-any.whl"),
    "shekar": ("shekar==1.7.0", "shekar-1.7.0-py3-none-any.whl"),
    "wordfreq": ("wordfreq==3.1.1", "wordfreq-3.1.1-py3-none-any.whl"),
}

ZWNJ = "\u200c"
_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0640": None})
# Arabic diacritics (fathatan..sukun, superscript alef) are dropped; hamza above (U+0654) too.
_DIACRITICS = dict.fromkeys(range(0x064B, 0x0656)) | {0x0670: None}
# Persian letters (Arabic block letters used in Persian), plus ZWNJ inside a word.
_PERSIAN = set("ءآأؤإئابتثجحخدذرزسشصضطظعغفقلمنهوپچژکگیةۀ") | {ZWNJ}
FLOOR = 1  # per billion, for words a source lists without a usable count


def fetch(name: str) -> Path:
    """Return the cached wheel of `name`, downloading it with pip when absent."""
    spec, filename = WHEELS[name]
    path = CACHE / filename
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
        cmd += ["--python-version", "3.12", "-d", str(CACHE), spec]
        subprocess.run(cmd, check=True)
    return path


def clean(word: str) -> str | None:
    """Letter-normalize a lexicon entry the way sanjeh normalizes text; None if it is not a Persian word."""
    word = word.strip().translate(_LETTERS).translate(_DIACRITICS)
    while ZWNJ + ZWNJ in word:
        word = word.replace(ZWNJ + ZWNJ, ZWNJ)
    word = word.strip(ZWNJ)
    if not word or not set(word) <= _PERSIAN:
        return None
    return word


def _unpack(data: bytes, i: int) -> tuple[object, int]:
    """Decode the msgpack subset wordfreq's cBpack files use (maps, arrays, strings, small ints)."""
    t = data[i]
    if t <= 0x7F:
        return t, i + 1
    if 0x80 <= t <= 0x8F or 0x90 <= t <= 0x9F or t in (0xDC, 0xDD):
        if t in (0xDC, 0xDD):
            size = 2 if t == 0xDC else 4
            n = int.from_bytes(data[i + 1 : i + 1 + size], "big")
            i += 1 + size
        else:
            n, i = t & 0x0F, i + 1
        if 0x80 <= t <= 0x8F:
            out_map = {}
            for _ in range(n):
                key, i = _unpack(data, i)
                out_map[key], i = _unpack(data, i)
            return out_map, i
        out = []
        for _ in range(n):
            item, i = _unpack(data, i)
            out.append(item)
        return out, i
    if 0xA0 <= t <= 0xBF:
        n = t & 0x1F
        return data[i + 1 : i + 1 + n].decode(), i + 1 + n
    if t in (0xD9, 0xDA, 0xDB):
        size = {0xD9: 1, 0xDA: 2, 0xDB: 4}[t]
        n = int.from_bytes(data[i + 1 : i + 1 + size], "big")
        start = i + 1 + size
        return data[start : start + n].decode(), start + n
    if t == 0xCC:
        return data[i + 1], i + 2
    if t == 0xCD:
        return struct.unpack(">H", data[i + 1 : i + 3])[0], i + 3
    if t == 0xC0:
        return None, i + 1
    raise ValueError(f"unsupported msgpack type byte 0x{t:02x} at offset {i}")


def read_wordfreq() -> dict[str, float]:
    with zipfile.ZipFile(fetch("wordfreq")) as wheel:
        data = gzip.decompress(wheel.read("wordfreq/data/small_fa.msgpack.gz"))
    buckets, _ = _unpack(data, 0)
    assert isinstance(buckets, list)
    out: dict[str, float] = {}
    for cb, bucket in enumerate(buckets[1:]):
        for raw in bucket:
            word = clean(raw)
            if word:
                out[word] = out.get(word, 0.0) + 10 ** (-cb / 100)
    return out


def read_shekar() -> tuple[dict[str, float], set[str], list[tuple[str, str]]]:
    counts: dict[str, float] = {}
    with zipfile.ZipFile(fetch("shekar")) as wheel:
        text = wheel.read("shekar/data/files/vocab.csv").decode()
        for line in text.splitlines():
            raw, _, count = line.rpartition(",")
            word = clean(raw)
            if word and count.isdigit():
                counts[word] = counts.get(word, 0.0) + int(count)
        compounds = {
            w
            for line in wheel.read("shekar/data/files/compound_words.csv").decode().splitlines()
            if (w := clean(line))
        }
        verbs = []
        for line in wheel.read("shekar/data/files/verbs.csv").decode().splitlines():
            parts = line.split(",")
            if len(parts) >= 2 and (present := clean(parts[0])) and (past := clean(parts[1])):
                verbs.append((past, present))
    total = sum(counts.values())
    return {w: c / total for w, c in counts.items()}, compounds, verbs


def read_hazm() -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    """hazm words with their POS tags (N, AJ, ADV...; "0" dropped) and (past, present) stem pairs."""
    with zipfile.ZipFile(fetch("hazm")) as wheel:
        words: dict[str, set[str]] = {}
        for line in wheel.read("hazm/data/words.dat").decode().splitlines():
            fields = line.split("\t")
            if word := clean(fields[0]):
                tags = set(fields[2].split(",")) if len(fields) > 2 else set()
                words.setdefault(word, set()).update(tags - {"0", ""})
        verbs = []
        for line in wheel.read("hazm/data/verbs.dat").decode().splitlines():
            past, _, present = line.partition("#")
            if (past := clean(past)) and (present := clean(present)):
                verbs.append((past, present))
    return words, verbs


def derived_stems(words: dict[str, int]) -> set[tuple[str, str]]:
    """Regular verbs the stem lists lack, from infinitives in the MIT word lists (Persian morphology:
    Xیدن → past Xید, present X; causative Xاندن → past Xاند, present Xان). Only attested words count.
    """
    stems: set[tuple[str, str]] = set()
    for word, freq in words.items():
        if freq < 20 or len(word) < 5 or ZWNJ in word:
            continue
        if word.endswith("یدن"):
            stems.add((word[:-1], word[:-3]))
        elif word.endswith("اندن"):
            stems.add((word[:-1], word[:-2]))
    return stems


def write_tsv(path: Path, rows: dict[str, int], tags: dict[str, set[str]] | None = None) -> None:
    """word<TAB>freq[<TAB>tags], most frequent first; tags only where hazm gives some."""
    buffer = io.StringIO()
    for word, freq in sorted(rows.items(), key=lambda kv: (-kv[1], kv[0])):
        word_tags = ",".join(sorted(tags.get(word, ()))) if tags else ""
        buffer.write(f"{word}\t{freq}\t{word_tags}\n" if word_tags else f"{word}\t{freq}\n")
    # mtime=0 keeps the gzip bytes identical across runs.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(buffer.getvalue().encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="directory for the data files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    wordfreq = read_wordfreq()
    shekar, compounds, shekar_verbs = read_shekar()
    hazm_words, hazm_verbs = read_hazm()

    # Calibrate shekar's relative counts to wordfreq's scale on the words both list.
    ratios = [wordfreq[w] / shekar[w] for w in wordfreq.keys() & shekar.keys() if shekar[w] > 0]
    scale = statistics.median(ratios) if ratios else 1.0
    mit: dict[str, int] = {}
    for word, rel in shekar.items():
        mit[word] = max(FLOOR, round(rel * scale * 1e9))
    for word in hazm_words.keys() | compounds:
        mit.setdefault(word, FLOOR)
    write_tsv(args.out / "lexicon.tsv.gz", mit, hazm_words)
    write_tsv(args.out / "wordfreq_fa.tsv.gz", {w: max(FLOOR, round(f * 1e9)) for w, f in wordfreq.items()})

    verbs = sorted(set(hazm_verbs) | set(shekar_verbs) | derived_stems(mit))
    lines = [f"{past}\t{present}" for past, present in verbs]
    (args.out / "verbs.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"lexicon.tsv.gz: {len(mit)} words (shekar scale x{scale:.3g}); "
        f"wordfreq_fa.tsv.gz: {len(wordfreq)} words; verbs.tsv: {len(verbs)} stem pairs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
