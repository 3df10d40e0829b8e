"""Compiled patterns and small helpers shared by the structural stages of the reader.

Everything here is compiled once at import (immutable), so per-article work is only matching.
Patterns run on *normalized* text (Persian ی/ک, Persian digits), but tolerate the usual damage
left in scraped copy: a ZWNJ written as a space or dropped (`برچسب‌ها`, `برچسب ها`, `برچسبها`).
"""

from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"
# An optional joiner: ZWNJ, a space, or nothing (damaged ZWNJ in scraped copy).
J = "[\u200c ]?"

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_LATIN_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2)

# Sentence-final punctuation that marks a line as running prose rather than a menu item or headline.
SENTENCE_END = frozenset(".!?؟…»")

_KEY_DROP = re.compile(r"[\s\u200c\u200f\u200e\u064b-\u065f\u0670\u0640.,،؛;:!?؟«»\"'()\[\]\-–—/|*]+")
_KEY_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "ة": "ه", "أ": "ا"})

# End markers: `انتهای پیام/`, `/انتهای پیام`, `انتهای خبر`, `پایان خبر`, optionally with an agency code.
END_MARKER_LINE = re.compile(
    r"^[\s/\\*\-–—.]*(?:انتهای|پایان)\s*(?:پیام|خبر|مطلب|گزارش)[\s/\\*\-–—.]*"
    r"(?:[\u0600-\u06ff]{1,3}(?:[\s/\\]+[\u0600-\u06ff0-9۰-۹]{1,4}){0,3}[\s/\\.]*)?$"
)
END_MARKER_TAIL = re.compile(r"[\s/\\*\-–—]*(?:انتهای|پایان)\s*(?:پیام|خبر)\s*/[\s/\\\u0600-\u06ff]{0,12}$")

# Attribution: `به گزارش خبرنگار زرک؛`, `به گزارش ایرنا از خرم‌آباد،`, `به گزارش روابط عمومی X،`.
REPORT_ATTRIBUTION = re.compile(r"(?:^|[\s(«])به\s+گزارش\s+(?P<who>[^،؛,;:\n]{1,120}?)\s*(?=[،؛,;:\n]|$)")
QUOTE_ATTRIBUTION = re.compile(r"(?:^|[\s(«])به\s+نقل\s+از\s+(?P<who>[^،؛,;:\n]{1,120}?)\s*(?=[،؛,;:\n]|$)")
PR_PREFIX = re.compile(rf"^(?:اداره\s+(?:کل\s+)?)?روابط{J}عمومی(?:\s+و\s+اطلاع{J}رسانی)?\s+")
REPORTER_PREFIX = re.compile(
    rf"^(?:خبرنگار(?:ان)?|گروه\s+\S+(?:\s+\S+)?\s+|پایگاه\s+(?:خبری|اطلاع{J}رسانی)(?:\s+\S+)?\s+|"
    r"سرویس\s+\S+\s+|پایگاه\s+|سایت\s+)\s*"
)
# Media heads: `خبرنگار اقتصادی خبرگزاری فارس` -> the outlet starts at خبرگزاری.
MEDIA_HEAD = re.compile(
    rf"(?:^|\s)(?=(?:خبرگزاری|روزنامه|باشگاه\s+خبرنگاران|شبکه|رادیو|هفته{J}نامه|ماهنامه|پایگاه|سایت)(?:\s|$))"
)
# The outlet named without `به گزارش`: an interview with its reporter (`در گفت‌وگو با خبرنگار فارس`) or
# the wire's own dateline at the start of a lead (`خبرگزاری فارس: …`).
INTERVIEW_OUTLET = re.compile(
    rf"(?:گفت{J}و{J}گو|مصاحبه)\s+(?:اختصاصی\s+)?با\s+خبرنگار(?:ان)?\s+"
    r"(?:(?:اقتصادی|سیاسی|ورزشی|اجتماعی|فرهنگی|علمی|بین[\u200c ]?الملل|(?:حوزه|گروه)\s+\S+)\s+)?"
    r"(?P<who>(?:خبرگزاری\s+)?[^\s،؛,;:.]+)(?=[\s،؛,;:.]|$)"
)
DATELINE_OUTLET = re.compile(
    r"^\s*(?P<who>(?:خبرگزاری|پایگاه\s+خبری|روزنامه)\s+[^\s:：،–-]+(?:\s+[^\s:：،–-]+)?)\s*(?:[:：]|[–-]\s)"
)
# Words that end an outlet name inside an attribution (`ایرنا از خرم‌آباد`, `زرک به نقل از ...`).
OUTLET_STOP = re.compile(r"\s+(?:از|به\s+نقل|در|و\s+به|به)\s+.*$")

# Byline: `یادداشت از ...`, `نویسنده: ...`, `به قلم ...`.
BYLINE = re.compile(
    rf"^\s*(?:(?:یادداشت|مقاله)\s+(?:از|به\s+قلم)\s*[:：|]?|به\s+قلم\s*[:：|]?|"
    rf"(?:گزارش|گفت{J}و{J}گو|گفتگو|مصاحبه|عکس)(?:\s+(?:از|و\s+تنظیم))?\s*[:：|]|"
    rf"(?:نویسنده|نویسندگان|نوشته|نگارنده|خبرنگار|تهیه\s+و\s+تنظیم|یادداشت|مقاله)\s*[:：|])\s*"
    r"(?P<name>[^،؛,;:.()|\n]{2,60}?)\s*(?=[،؛,;:.()|\n]|$)"
)
HONORIFIC_PREFIX = re.compile(
    rf"^(?:(?:دکتر|مهندس|سید|سیده|استاد|آقای|خانم|حجت{J}الاسلام(?:\s+و\s+المسلمین|\s+والمسلمین)?|"
    r"آیت{J}الله|سردار|حاج|جناب)\s+)+"
)

_SOCIAL = r"تلگرام|اینستاگرام|توییتر|واتس\s*اپ|ایتا|بله|روبیکا|سروش|فیسبوک|لینکدین|ایکس|آپارات"
# What may follow a navigation word on its line: more navigation and share targets, nothing else.
_NAV_TAIL = (
    rf"{_SOCIAL}|به|در|با|صفحه|اصلی|خبر|اشتراک|نسخه|چاپی|شبکه{J}های|اجتماعی|دوستان|بالا|لینک|کوتاه|کپی|"
    r"بگذارید|ارسال|کاربران|شما"
)

# Repeated groups below separate their items with disjoint alternatives (`\s*SEP\s*` | `\s+`) so a
# failing line cannot backtrack exponentially.
# Trailing boilerplate that is never article text, whatever its position.
STRONG_BOILERPLATE = re.compile(
    "|".join(
        [
            rf"^(?:برچسب{J}(?:ها)?|کلید{J}واژه{J}(?:ها)?|تگ{J}(?:ها)?|موضوعات(?:\s+مرتبط)?)\s*[:：]",
            rf"^(?:برچسب{J}(?:ها)?|کلید{J}واژه{J}(?:ها)?|تگ{J}(?:ها)?)$",
            r"^(?:اخبار|خبرهای|مطالب|مقالات)\s+(?:مرتبط|مشابه|پربازدید|پربحث|برگزیده|داغ|آخر)\s*[:：]?$",
            r"^(?:بیشتر\s+بخوانید|پیشنهاد\s+(?:ما|سردبیر)|بخوانید)\s*[:：]?$",
            rf"^(?:(?:آخرین|جدیدترین)\s+(?:اخبار|مطالب)|پربازدیدترین{J}ها|پربیننده{J}ترین{J}ها)\s*[:：]?$",
            # Navigation words only as a whole short line (never `نظرات کارشناسان نشان می‌دهد …`).
            rf"^(?=[^.!؟?]{{0,80}}$)(?:اشتراک{J}گذاری|به\s+اشتراک\s+بگذارید|اشتراک\s+در|ارسال\s+به\s+دوستان|"
            rf"نسخه\s+چاپی|چاپ(?:\s+خبر)?|ذخیره|لینک\s+کوتاه|کپی\s+لینک|ارسال\s+نظر|نظرات(?:\s+کاربران)?|"
            rf"دیدگاه{J}ها|نظر\s+شما|دیدگاه\s+شما|ثبت\s+نظر|پاسخ\s+دهید|بازگشت|صفحه\s+اصلی)"
            rf"(?:(?:\s*[:：|،,]\s*|\s+)(?:{_NAV_TAIL})(?![\u0600-\u06ff]))*\s*[:：]?$",
            # A copyright line opens with the claim (after at most `©` and a year).
            r"^(?=.{0,200}$)(?:\S+\s+){0,2}(?:کلیه|تمامی|همه)\s+(?:ی\s+)?حقوق\s+"
            r"(?:مادی|معنوی|این|برای|متعلق|محفوظ|سایت|پایگاه|نزد)",
            r"^(?:©|کپی\s*رایت|copyright)",
            rf"^(?:کلمات\s+کلیدی|واژه{J}های\s+کلیدی)\s*[:：]",
            r"^(?:کد\s+خبر|شناسه\s+خبر|تعداد\s+بازدید|زمان\s+مطالعه|تاریخ\s+انتشار|منبع|لینک)\s*[:：]",
            rf"^(?:{_SOCIAL})(?:(?:\s*[|،,/]\s*|\s+)(?:{_SOCIAL}))*$",
        ]
    ),
    re.IGNORECASE,
)
# A heading that opens a list of links: the short lines after it are boilerplate too.
LIST_HEADING = re.compile(
    rf"^(?:(?:اخبار|خبرهای|مطالب|مقالات|یادداشت{J}های|گزارش{J}های)\s+"
    r"(?:مرتبط|مشابه|پربازدید|پربحث|برگزیده|داغ|آخر|دیگر|پیشنهادی)|"
    rf"(?:آخرین|جدیدترین|تازه{J}ترین)\s+(?:اخبار|خبرها|مطالب)|پربازدیدترین{J}ها|پربیننده{J}ترین{J}ها|"
    rf"پربحث{J}ترین{J}ها|پیشنهاد\s+(?:ما|سردبیر)|برچسب{J}(?:ها)?|کلید{J}واژه{J}(?:ها)?|تگ{J}(?:ها)?)\s*[:：]?$|"
    r"^بیشتر\s+بخوانید\s*(?:[:：].{0,120})?$"
)
# The seed's trailing site-section menu and its kin: single navigation words.
MENU_WORD = re.compile(
    rf"^(?:مقاله|یادداشت|گزارش|گفتگو|گفت{J}و{J}گو|خبر|اخبار|ویدیو|ویدئو|فیلم|عکس|گرافیک|اینفوگرافیک|"
    rf"صوت|پادکست|سیاسی|اقتصادی|اجتماعی|فرهنگی|ورزشی|بین{J}الملل|استانی|استان{J}ها|شهرستان{J}ها|"
    rf"حوادث|سلامت|فناوری|علمی|صفحه\s+اصلی|آرشیو|تماس\s+با\s+ما|درباره\s+ما|پربازدیدها|"
    rf"پربحث{J}ترین{J}ها|آخرین\s+اخبار|جستجو|ورود|عضویت)$"
)
# Lines that are only a date/time or a publication stamp (metadata, not prose).
TIME_ONLY = re.compile(r"^[\s\d۰-۹٠-٩:/\-–—.,،|]*$")


def to_latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to ASCII, for `int()` parsing."""
    return text.translate(_TO_LATIN_DIGITS)


def fold_key(text: str) -> str:
    """A comparison key: Arabic letters folded, diacritics, ZWNJ, spaces and punctuation dropped.

    The same folding the quality bench uses, so `علیپناهی` = `علی‌پناهی` = `علی پناهی`.
    """
    text = unicodedata.normalize("NFC", text).translate(_KEY_LETTERS)
    return _KEY_DROP.sub("", text)


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(line: str) -> bool:
    """Whether a stripped line ends like prose (a full stop, question mark or closing quote)."""
    return bool(line) and line[-1] in SENTENCE_END


def strip_honorifics(name: str) -> tuple[str, str | None]:
    """Split leading honorifics off a name: `دکتر علی رضایی` -> (`علی رضایی`, `دکتر`)."""
    match = HONORIFIC_PREFIX.match(name)
    if not match or match.end() >= len(name):
        return name, None
    return name[match.end() :].strip(), match.group(0).strip()
