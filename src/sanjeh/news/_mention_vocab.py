"""Word lists and token patterns of the mention parser (folded keys), shared by its modules."""

from __future__ import annotations

import re

from sanjeh.news._lexicons import (
    GIVEN_NAME,
    HONORIFIC,
    ORG_HEAD,
    ORG_STANDALONE,
    PLACE_PREFIX,
    PRONOUN,
    ROLE,
    SPEECH_VERB,
    STOPWORD,
    UNIT,
    fold_key,
)

WORD_PATTERN = r"[^\W\u0640]+(?:[\u200c\u0640]+[^\W\u0640]+)*"  # kashida only inside words
WORD = re.compile(WORD_PATTERN)
# The gap before a word is everything that cannot start one (non-word characters and kashida); the
# possessive gap never backtracks, and the word then starts at the first word character after it.
GAP_WORD = re.compile(r"([\W\u0640]*+)(" + WORD_PATTERN + ")")
SPACES = " \t\r\n\u00a0\u200c\u200d\u200f\u200e"
MAX_PHRASE = 8
# Surname second parts written apart from the first (حسین زاده، علی پناهی).


def folded_keys(words: str) -> frozenset[str]:
    """Folded keys of space-separated words (compact inline word lists)."""
    return frozenset(fold_key(w) for w in words.split())


SURNAME_SUFFIXES = folded_keys(
    "زاده نژاد پور فر نیا راد وند زاد کیا منش دوست پناه پناهی اصل مقدم آبادی فرد نسب خواه بخش پرور یار"
    " خانی وندی زادگان"
)
# Categories a mention can start with; other tokens are skipped without parsing.
STARTERS = frozenset((SPEECH_VERB, HONORIFIC, GIVEN_NAME, ROLE, ORG_HEAD, ORG_STANDALONE, UNIT, PRONOUN))
NAME_BLOCKERS = (STOPWORD, ROLE, SPEECH_VERB, HONORIFIC, PRONOUN, ORG_HEAD, UNIT, PLACE_PREFIX)
ORG_BLOCKERS = (STOPWORD, ROLE, SPEECH_VERB, HONORIFIC, PRONOUN, PLACE_PREFIX)
SUBUNIT_MARKERS = tuple(fold_key(s) for s in ("روابط", "اداره", "حوزه", "دفتر", "واحد", "مرکز", "اورژانس"))
# Glued present-tense verbs (میکنیم، میشود، نمیدهد): `می`/`نمی` + a frequent present stem.
MI = ("می\u200c", "نمی\u200c")  # ZWNJ-marked present/continuous verbs (می\u200cبایست، نمی\u200cشود)
VERB_PREFIXES = (
    *(
        pre + stem
        for pre in ("می", "نمی")
        for stem in folded_keys(
            "کن شو ده گیر رس باش توان خواه آی رو دار گوی گو یاب ساز بین آور خور کش گذار پرداز افت ماند زن"
        )
    ),
    "نمی",
)
NUMBER_WORDS = frozenset(("یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده"))
LIGHT_VERBS = folded_keys(
    "کرد کردند کند کنند شد شده شود نمود داد دادند است کرده"
    " نمودند نماید نمایند گردید گردد داریم دارد دارند دارم خواهد خواهند بود باشد"
)
COPULAS = folded_keys("است بود باشد")
DEMONSTRATIVES = frozenset(fold_key(s) for s in ("این", "آن", "همین", "همان", "هر", "چند", "کدام"))
PROPER_HEADS = folded_keys(
    "دانشگاه بیمارستان بانک شرکت خبرگزاری روزنامه باشگاه پالایشگاه نیروگاه کارخانه موسسه مؤسسه"
    " هلدینگ بیمه مجمع انجمن بنیاد"
    " فدراسیون حزب جبهه کلانتری پاسگاه سینما فرهنگسرا نشر انتشارات کشتارگاه موزه کتابخانه مجتمع"
)
# Heads dropped from the merge key: `باشگاه دورتموند` = `دورتموند`.
GENERIC_ORG_HEADS = frozenset(fold_key(s) for s in ("اداره کل", "اداره", "شرکت", "سازمان", "جمعیت", "باشگاه"))
# `(ع)`, `(ره)`, `(س)` after a namesake inside a name: `دانشگاه افسری امام حسین(ع)`.
PAREN_HONORIFICS = folded_keys("ع ره س عج ص")
# Nouns that take their object with a preposition inside an office's name: `مبارزه با`, `حمایت از`.
GOVERNING_NOUNS = {
    fold_key(noun): fold_key(prep)
    for noun, prep in (("مبارزه", "با"), ("مقابله", "با"), ("حمایت", "از"), ("پیشگیری", "از"), ("دفاع", "از"))
}
# A possessive `our country` ends a name: `وزارت امور خارجه کشورمان` is `وزارت امور خارجه`.
ORG_END_WORDS = folded_keys("کشورمان")


def strip_place_prefixes(core: str) -> str:
    for pfx in ("منطقه", "استان", "شهرستان"):
        if core.endswith(pfx) and len(core) > len(pfx):
            return core[: -len(pfx)]
    return core
