"""Each fix of the normalization pipeline, its switch, and the seed article."""

from __future__ import annotations

from importlib import resources

import pytest

from sanjeh.text import NormalizeOptions, Normalizer, normalize_text
from sanjeh.text.normalize import KINDS

ZWNJ = "\u200c"
NO_REPAIR = NormalizeOptions(repair_zwnj=False)


def norm(raw: str, **options: object) -> str:
    return normalize_text(raw, NormalizeOptions(repair_zwnj=False, **options)).text  # type: ignore[arg-type]


def test_arabic_letters_become_persian_and_are_counted() -> None:
    result = normalize_text("علي كتاب ى", NO_REPAIR)
    assert result.text == "علی کتاب ی"
    assert result.counts["arabic_letters"] == 3


def test_regional_letter_variants_fold() -> None:
    assert norm("\u06be\u06c1\u06d5 \u06aa \u0671") == "ههه ک ا"


def test_hamza_letters_and_teh_marbuta_are_kept() -> None:
    assert norm("مسئله مسأله إسلام مؤسسه دائرة") == "مسئله مسأله إسلام مؤسسه دائرة"


def test_combining_hamza_is_composed() -> None:
    assert norm("ا\u0654 و\u0654 ی\u0654 ا\u0653") == "أ ؤ ئ آ"


def test_hamza_after_a_presentation_form_composes_in_one_pass() -> None:
    # found by hypothesis: ﺎٔ became ا + hamza in the first pass and أ only in the second
    for opts in (NormalizeOptions(), NormalizeOptions(repair_zwnj=False, remove_diacritics=False)):
        once = normalize_text("\ufe8e\u0654 \ufefb\u0654", opts).text
        assert once == "أ لأ" and normalize_text(once, opts).text == once


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("fa", "۱۲۳ ۴۵۶ ۷۸۹"),
        ("ar", "١٢٣ ٤٥٦ ٧٨٩"),
        ("latin", "123 456 789"),
        ("keep", "١٢٣ ۴۵۶ 789"),
    ],
)
def test_digit_styles(digits: str, expected: str) -> None:
    assert norm("١٢٣ ۴۵۶ 789", digits=digits) == expected


def test_latin_digits_in_latin_tokens_stay() -> None:
    assert norm("ویروس COVID-19 و نسخه v2.0 در سال 1403") == "ویروس COVID-19 و نسخه v2.0 در سال ۱۴۰۳"
    assert norm("https://x.ir/news/123") == "https://x.ir/news/123"


def test_digit_counts() -> None:
    assert normalize_text("٤ و 56", NO_REPAIR).counts["digits"] == 3


def test_diacritics_removed_or_kept() -> None:
    raw = "کتابِ خوبٌ رحمٰن شدّه"
    assert norm(raw) == "کتاب خوب رحمن شده"
    assert normalize_text(raw, NO_REPAIR).counts["diacritics"] == 4
    assert norm(raw, remove_diacritics=False) == raw


def test_kashida_removed_or_kept() -> None:
    assert norm("ســـلام") == "سلام"
    assert norm("ســـلام", remove_kashida=False) == "ســـلام"
    assert normalize_text("ســـلام", NO_REPAIR).counts["kashida"] == 3


@pytest.mark.parametrize(
    "mark", ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u2066", "\u2069", "\ufeff"]
)
def test_invisible_controls_removed(mark: str) -> None:
    assert norm(f"{mark}سلام{mark} دنیا") == "سلام دنیا"


def test_zero_width_joiner_and_space() -> None:
    assert norm("سل\u200dام") == "سلام"
    assert norm("کتاب\u200bها") == f"کتاب{ZWNJ}ها"
    assert norm("\u200bسلام") == "سلام"


def test_invisible_kept_when_switched_off() -> None:
    assert norm("\u200fسلام", fold_invisible=False) == "\u200fسلام"


def test_spaces_collapse_fold_and_strip_per_line() -> None:
    assert norm("  سلام \t\u00a0 دنیا  \n  خط  دوم ") == "سلام دنیا\nخط دوم"
    assert normalize_text("سلام  دنیا", NO_REPAIR).counts["spaces"] == 1


def test_spacing_switched_off() -> None:
    assert norm("سلام  دنیا ", fix_spacing=False) == "سلام  دنیا "


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"می{ZWNJ}{ZWNJ}گفت", f"می{ZWNJ}گفت"),
        (f"می{ZWNJ} گفت", "می گفت"),
        (f"{ZWNJ}سلام{ZWNJ}", "سلام"),
        (f"سلام{ZWNJ}.", "سلام."),
        (f"«{ZWNJ}سلام", "«سلام"),
    ],
)
def test_zwnj_cleanup(raw: str, expected: str) -> None:
    assert norm(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("گفت :اطلاع رسانی", "گفت: اطلاع رسانی"),
        ("سلام ، خوبی ؟", "سلام، خوبی؟"),
        ("است .وی گفت", "است. وی گفت"),
        ("اول،دوم؛سوم", "اول، دوم؛ سوم"),
        ("« سلام »", "«سلام»"),
        ("گفت«سلام»بعد", "گفت «سلام» بعد"),
        ("( متن )", "(متن)"),
        ("عجب!چه", "عجب! چه"),
        ("قیمت ۳.۵ و ساعت ۱۲:۳۰", "قیمت ۳.۵ و ساعت ۱۲:۳۰"),
        ("ج.ا.ا و ق.ظ و ه.ش", "ج.ا.ا و ق.ظ و ه.ش"),
        ("سایت www.example.com است", "سایت www.example.com است"),
        ("عدد .5 و نام .NET", "عدد .۵ و نام .NET"),
        ("تمام.\nبعدی", "تمام.\nبعدی"),
    ],
)
def test_punctuation_spacing(raw: str, expected: str) -> None:
    assert norm(raw) == expected


def test_punctuation_spacing_is_counted() -> None:
    assert normalize_text("گفت :اطلاع", NO_REPAIR).counts["punctuation_spacing"] == 2


@pytest.mark.parametrize(
    ("heh_ye", "expected"),
    [("ye", f"خانه{ZWNJ}ی من"), ("hamza", "خانه\u0654 من"), ("keep", "خانۀ من")],
)
def test_heh_ye_options(heh_ye: str, expected: str) -> None:
    assert norm("خانۀ من", heh_ye=heh_ye) == expected
    assert norm("خانه\u0654 من", heh_ye=heh_ye) == (expected if heh_ye != "keep" else "خانه\u0654 من")


def test_presentation_forms_become_letters() -> None:
    assert norm("\ufedb\ufe98\ufe8e\ufe8f \ufefb") == "کتاب لا"
    assert normalize_text("\ufefb", NO_REPAIR).counts["presentation_forms"] == 1
    assert norm("\ufe70") == ""


def test_persian_punctuation_option() -> None:
    raw = "چرا? او,من;تو. Why? a,b"
    assert norm(raw) == "چرا? او, من; تو. Why? a,b"
    assert norm(raw, persian_punctuation=True) == "چرا؟ او، من؛ تو. Why? a,b"


def test_counts_have_every_kind() -> None:
    assert set(normalize_text("سلام").counts) == set(KINDS)


def test_line_breaks_are_never_moved() -> None:
    raw = "  الف  \r\n\n ب\u2028ج \x0c د\n"
    text = norm(raw)
    assert [c for c in text if c in "\r\n\u2028\x0c"] == ["\r", "\n", "\n", "\u2028", "\x0c", "\n"]


def test_repair_runs_through_the_pipeline() -> None:
    assert normalize_text("او ميگفت كه كتاب ها").text == f"او می{ZWNJ}گفت که کتاب{ZWNJ}ها"
    counts = normalize_text("او ميگفت كه كتاب ها").counts
    assert counts["zwnj_inserted"] == 1
    assert counts["zwnj_from_space"] == 1


def test_normalizer_instance_is_reusable() -> None:
    normalizer = Normalizer(NO_REPAIR)
    assert normalizer.normalize("علي").text == normalizer.normalize("علی").text == "علی"


def test_seed_article() -> None:
    raw = (resources.files("sanjeh") / "data" / "lorestan-telecom-pr.txt").read_text(encoding="utf-8")
    result = normalize_text(raw)
    assert "\u064a" in raw and "\u0643" in raw
    assert "\u064a" not in result.text and "\u0643" not in result.text
    assert result.text.count("\n") == raw.count("\n")
    assert f"می{ZWNJ}گفت" in result.text
    assert "گفت: اطلاع" in result.text
    assert result.counts["arabic_letters"] > 0
