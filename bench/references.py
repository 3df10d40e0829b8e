"""Reference Persian normalizers that sanjeh's benchmarks compare against.

These packages are measuring sticks only, never sanjeh dependencies; they live in ``.venv-bench``
(``make bench-env``, Python 3.12). Versions and settings measured:

- hazm 0.12.1: ``hazm.Normalizer()`` with its defaults, i.e. ``correct_spacing=True`` (punctuation,
  prefix/suffix spacing and lexicon-based affix joining with ZWNJ), ``seperate_mi=True`` (the
  ``می``/``نمی`` verb prefix joined with ZWNJ), ``persian_style``, ``persian_numbers``,
  ``remove_diacritics``, ``remove_specials_chars``, ``decrease_repeated_chars`` and
  ``unicodes_replacement`` all on.
- shekar 1.7.0: ``shekar.Normalizer()`` with its default pipeline: AlphabetNormalizer,
  ArabicUnicodeNormalizer, DigitNormalizer, PunctuationNormalizer, RemoveDiacritics,
  RepeatedLetterNormalizer, SpacingNormalizer (orthographic, punctuation, word-affix and verbal
  spacing, which insert the ZWNJ) and YaNormalizer.
- rishe 0.5.1: ``rishe.Normalizer()``, the package's documented class-based normalizer, with its
  defaults: ``Pipeline.normalize`` followed by the ``alphabet``, ``arabic_unicode``, ``punctuation``,
  ``digits``, ``spacing``, ``repeated_letters`` and ``verbal_spacing`` stages. (``Pipeline.normalize``
  alone leaves affix spacing untouched, e.g. ``کتابها``, so it is not what a user repairing text
  would call.)

Each normalizer is built once per ``reference_normalizers()`` call; packages that cannot be imported
in the running interpreter are left out, so the same bench runs in ``.venv`` with no references.
"""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

REFERENCE_PACKAGES: tuple[str, ...] = ("hazm", "shekar", "rishe")


def _build_hazm() -> Callable[[str], str]:
    import hazm

    return hazm.Normalizer().normalize


def _build_shekar() -> Callable[[str], str]:
    import shekar

    normalizer = shekar.Normalizer()

    def normalize(text: str) -> str:
        return str(normalizer.normalize(text))

    return normalize


def _build_rishe() -> Callable[[str], str]:
    import rishe

    return rishe.Normalizer().normalize


_BUILDERS: dict[str, Callable[[], Callable[[str], str]]] = {
    "hazm": _build_hazm,
    "shekar": _build_shekar,
    "rishe": _build_rishe,
}


def build_reference_normalizer(name: str) -> Callable[[str], str]:
    """Build a fresh normalizer of one reference package; ImportError when it is not installed here."""
    if name not in _BUILDERS:
        raise ValueError(f"unknown reference normalizer {name!r}; allowed: {', '.join(REFERENCE_PACKAGES)}")
    return _BUILDERS[name]()


def reference_normalizers() -> dict[str, Callable[[str], str]]:
    """Return ``{package: normalize}`` for every reference package importable here.

    Each function applies that package's standard normalizer with its ZWNJ/affix-spacing repair on,
    the way a user would call it to repair damaged text (settings in the module docstring).
    """
    normalizers: dict[str, Callable[[str], str]] = {}
    for name in REFERENCE_PACKAGES:
        try:
            normalizers[name] = build_reference_normalizer(name)
        except ImportError as exc:
            logger.info("reference normalizer %s not available: %s", name, exc)
    return normalizers


def reference_versions() -> dict[str, str]:
    """Return the installed version of each reference package (absent ones are left out)."""
    versions: dict[str, str] = {}
    for name in REFERENCE_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return versions
