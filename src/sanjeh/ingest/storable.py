"""Text every supported database stores unchanged: the one place characters a database refuses are removed.

PostgreSQL refuses U+0000 in `text` and `jsonb` values (its strings are NUL-terminated; psycopg stops the
whole statement), and no UTF-8 database can hold a lone surrogate (U+D800–U+DFFF, which `json.loads`
produces from an escaped half pair). SQLite would store NUL, so without this step the same archive gave a
different database on each backend. Cleaning the record before it is written (NUL removed, a lone
surrogate replaced by U+FFFD) makes SQLite and PostgreSQL store the same text; the raw bytes stay
untouched in the raw store, so nothing of the original is lost.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

__all__ = ["storable", "storable_text"]

T = TypeVar("T")

_REFUSED = re.compile("[\x00\ud800-\udfff]")


def _substitute(match: re.Match[str]) -> str:
    return "" if match.group() == "\x00" else "\ufffd"


def storable_text(text: str) -> str:
    """`text` without NUL and with lone surrogates as U+FFFD; the same object when already storable."""
    if _REFUSED.search(text) is None:
        return text
    return _REFUSED.sub(_substitute, text)


def storable(value: T) -> T:
    """`value` with `storable_text` applied to every string inside it (dict keys, lists, tuples and
    dataclass fields included), so a whole record is cleaned by one call before it is written."""
    return _clean(value)  # type: ignore[no-any-return]


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_clean(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _clean(getattr(value, f.name)) for f in fields(value) if f.init}
        return replace(value, **changes)
    return value
