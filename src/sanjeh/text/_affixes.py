"""Persian bound morphemes that standard orthography separates with a ZWNJ (U+200C).

Following the Academy of Persian Language and Literature's orthography (دستور خط فارسی, 1391):
the plural ها and its clitic chains, the comparative/superlative تر/ترین, and, after a word-final silent
ه (and after ی for vowel-initial clitics), the ezafe ی, indefinite ای, copula and pronominal clitics are
joined with a ZWNJ; می/نمی are joined to the verb stem with a ZWNJ.

The numbers are rough prior probabilities P(suffix | host) used to score analyses; they come from the
grammar's relative frequency ranking (plural and ezafe common, rare clitics rarer), not from any test text.
"""

from __future__ import annotations

# Letters that never join the following letter: a ZWNJ after them changes nothing visible.
NON_JOINING = frozenset("اآأإدذرزژوؤةۀء")

# Plural ها family: always ZWNJ after a joining letter.
PLURAL: dict[str, float] = {
    "ها": 0.08,
    "های": 0.08,
    "هایی": 0.01,
    "هایم": 0.002,
    "هایت": 0.001,
    "هایش": 0.006,
    "هایمان": 0.002,
    "هایتان": 0.001,
    "هایشان": 0.004,
    "هاست": 0.003,
    "هایند": 0.0005,
}

# Pronoun plurals the Academy's orthography lets stay glued (آنها، اینها), as most printed text does.
GLUED_PLURAL_HOSTS = frozenset({"آن", "این", "همان", "همین"})

# Comparative and superlative: ZWNJ after a joining letter.
DEGREE: dict[str, float] = {
    "تر": 0.02,
    "ترین": 0.015,
    "تری": 0.004,
    "ترها": 0.0005,
    "ترهای": 0.0005,
}

# Clitics that need a ZWNJ after a word-final silent ه (ezafe, indefinite, possessive, copula).
AFTER_HEH: dict[str, float] = {
    "ی": 0.05,
    "ای": 0.05,
    "ام": 0.004,
    "ات": 0.002,
    "اش": 0.01,
    "ایم": 0.003,
    "اید": 0.002,
    "اند": 0.02,
    "است": 0.002,
    "مان": 0.003,
    "تان": 0.002,
    "شان": 0.006,
}

# Vowel-initial clitics that take a ZWNJ after a word-final ی (زندگی‌اش، علمی‌ای).
AFTER_YE: dict[str, float] = {
    "ای": 0.01,
    "ام": 0.002,
    "ات": 0.001,
    "اش": 0.004,
    "ایم": 0.001,
    "اید": 0.001,
    "اند": 0.004,
}

# Clitics and endings written glued to a consonant (کتابش، ماتمش، کتابی): readings that keep a word whole.
GLUED: dict[str, float] = {
    "ی": 0.05,
    "ش": 0.01,
    "م": 0.005,
    "ت": 0.003,
    "مان": 0.002,
    "تان": 0.001,
    "شان": 0.004,
    "ان": 0.02,
    "ات": 0.005,
    "یم": 0.002,
    "ید": 0.002,
    "ند": 0.01,
    "ین": 0.002,
    "یش": 0.003,
    "یت": 0.001,
    "یمان": 0.001,
    "یتان": 0.0005,
    "یشان": 0.002,
}

# Copula clitics after a past participle make a perfect verb (رفته‌اند، نشسته‌ایم).
COPULA = frozenset({"ام", "ای", "ایم", "اید", "اند", "است"})

# Derivational endings that make adjectives (دهشت‌بار، خطرناک، علمی): such words take تر/ترین too.
ADJECTIVE_ENDINGS = ("بار", "ناک", "مند", "انه", "وار", "گین", "ی")

# Determiners after which a noun is singular, so a final ـهای is the indefinite ه‌ای (هر زمینه‌ای).
INDEFINITE_DETERMINERS = frozenset({"هر", "یک", "هیچ", "چنین", "چنان", "چه", "فلان"})

# Demonstratives and other determiners that precede a noun phrase, never a compound's first part.
DEMONSTRATIVES = frozenset({"این", "آن", "همین", "همان", "چند", "کدام", "دیگر", "همه"})

# Derivational second parts that are not words on their own, so a lone one after a space is a lost
# ZWNJ (کابوس‌وار، اصول‌گرا، بهره‌مند). Tails that are also words (گران "expensive", چی "what" in
# colloquial text, گاه "sometimes", نامه "letter") are left to the listing-based rules.
BOUND_TAILS = frozenset(
    {"وار", "واره", "گر", "گری", "گرا", "گرایی", "گرایان", "آسا", "آسای", "مند", "مندی", "مندان"}
)

# First parts that act as prefixes in compounds (هم‌تیمی، خوش‌رفتار، صاحب‌نظر، نیمه‌ابری).
PREFIX_WORDS = frozenset(
    {"هم", "نا", "فرا", "پیش", "پس", "ضد", "غیر", "خود", "تک", "خوش", "صاحب", "نیم", "نیمه", "بد", "کم"}
    | {"پر", "فوق", "ابر", "نیک"}
)

# Inflections stripped from a compound's second part to find the listed compound (صاحب‌نظران+ی).
COMPOUND_INFLECTIONS = ("انی", "ان", "ی", "ها", "های")

# Pronouns and function words that take no comparative (اینتر is a name, not "more this").
NO_DEGREE = frozenset({"این", "آن", "به", "که", "چه", "هم", "نه", "بی", "می", "خود", "او", "ما", "شما"})

# Spaced clitics joined back to the previous word: a lone token in this set is almost never a word.
BOUND_ALWAYS = frozenset(PLURAL) | frozenset({"ترین", "ی", "ایی"})

# Lone tokens that only spaced damage produces: evidence that a text's ZWNJs became spaces.
SPACED_SIGNS = frozenset({"می", "نمی", "بی", "ها", "های", "هایی", "هایش", "هایشان", "ترین", "ی"})

# Tokens that can be words on their own but are clitics when they follow a host ending in ه or ی.
BOUND_AFTER_VOWEL = frozenset({"ای", "ام", "ات", "اش", "ایم", "اید", "اند", "تر", "تری", "شان", "مان", "تان"})

# Short function words and pronouns that never host a clitic or suffix (که ای کاش, نه اینکه, به او;
# ویترین is a showcase, not وی‌ترین).
NO_HOST = frozenset({"که", "چه", "نه", "به", "و", "یا", "تا", "هم", "می", "نمی", "بی", "ای", "وی", "من"})

# Aspect prefixes written apart with a ZWNJ, and preverbs written glued before them (برمی‌گردد).
ASPECT = ("نمی", "می")
PREVERBS = ("بر", "در", "باز", "فرا", "فرو", "وا", "ور")

# Person endings: present stem + ending; past stem + ending ("" is the 3rd singular).
PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
PRESENT_ENDINGS_VOWEL = ("یم", "یی", "ید", "ییم", "یید", "یند")
PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند")
# Past participle + clitic copula (می‌رفته‌اند): ZWNJ after the participle's ه.
PERFECT_ENDINGS = ("", "ام", "ای", "ایم", "اید", "اند", "است")

# Productive prefixes written with a ZWNJ before an unknown stem (بی‌بدیل، هم‌تیمی).
PREFIXES: dict[str, float] = {"بی": 0.1, "هم": 0.0005, "غیر": 0.0005, "پیش": 0.0003, "پس": 0.0002}
