"""The gold set's matching rules (bench/gold_matching.py) and scorer (bench/gold_scoring.py).

The scorer must give 1.0 for gold against gold, and lose exactly what a perturbation breaks.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from gold_check import check_date, check_gold, gold_prediction, load_gold_set
from gold_matching import (
    fold_key,
    match_dates,
    match_quotes,
    name_key,
    org_forms_match,
    outlet_key,
    role_matches,
    split_honorific,
    text_overlap,
)
from gold_scoring import ACCURACY_FIELDS, PRF_FIELDS, score_all, score_article, seed_failures

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
ZWNJ = "\u200c"


@pytest.fixture(scope="module")
def gold_set():
    return load_gold_set(ARTICLES)


@pytest.fixture(scope="module")
def seed(gold_set):
    return next(a for a in gold_set if a.name.startswith("00-seed"))


def test_fold_key_joins_the_three_spellings_of_a_name():
    assert fold_key("علیپناهی") == fold_key(f"علی{ZWNJ}پناهی") == fold_key("علی پناهی")


def test_fold_key_folds_arabic_letters_digits_diacritics_and_punctuation():
    assert fold_key("تصريح كرد") == fold_key("تصریح کرد")
    assert fold_key("۱۴۰۳/۰۲/۱۵") == fold_key("1403/02/15") == "14030215"
    assert fold_key("مُدیر") == fold_key("مدیر")
    assert fold_key("مدیر مخابرات منطقه لرستان:") == fold_key("مدیر مخابرات منطقه لرستان")


def test_fold_key_keeps_different_names_apart():
    assert fold_key("محمد قاسمی") != fold_key("محمود قاسمی")


def test_split_honorific_takes_whole_words_only():
    assert split_honorific("سید محمد قاسمی") == ("سید", "محمدقاسمی")
    honorific, rest = split_honorific("حجت الاسلام والمسلمین سید مرتضی حسینی‌نژاد")
    assert honorific == fold_key("حجت‌الاسلام والمسلمین") + "سید"
    assert rest == fold_key("مرتضی حسینی‌نژاد")
    # امیر is a given name here, not a rank; سیدی is not سید
    assert split_honorific("امیر علی‌پناهی") == ("", fold_key("امیر علی‌پناهی"))
    assert split_honorific("سیدی") == ("", "سیدی")
    assert name_key("دکتر سارا نیک‌بخت") == name_key("سارا نیکبخت")


def test_outlet_key_ignores_generic_prefixes():
    assert outlet_key("خبرگزاری زرک") == outlet_key("زرک")
    assert outlet_key("پایگاه خبری بیستون‌خبر") == outlet_key("بیستون خبر")
    assert outlet_key("زرک") != outlet_key("ایلام‌نامه")


def test_organisations_match_by_alias_or_generic_head_only():
    assert org_forms_match(["مخابرات منطقه لرستان", "مخابرات لرستان"], ["مخابرات لرستان"])
    assert org_forms_match(["مخابرات منطقه لرستان"], ["شرکت مخابرات منطقه لرستان"])
    assert org_forms_match(["اداره کل بهزیستی استان کرمانشاه"], ["بهزیستی استان کرمانشاه"])
    assert not org_forms_match(["استانداری لرستان"], ["استانداری لرستان و کرمانشاه"])
    assert not org_forms_match(["بانک ملی ایران"], ["بانک صادرات ایران"])


def test_roles_match_when_titles_and_organisations_nest():
    gold = {"title": "مدیرکل روابط عمومی", "organization": "استانداری لرستان"}
    assert role_matches(gold, {"title": "مدیرکل روابط‌عمومی", "organization": "استانداری لرستان"})
    assert role_matches(gold, {"title": "مدیرکل", "organization": "استانداری لرستان"})
    assert not role_matches(gold, {"title": "مدیرکل روابط عمومی", "organization": None})
    assert not role_matches(gold, {"title": "معاون", "organization": "استانداری لرستان"})
    assert role_matches({"title": "عضو هیئت علمی", "organization": None}, {"title": "عضو هیئت علمی"})


def test_role_organisation_may_match_through_the_gold_organisation_entry():
    orgs = [{"name": "اداره کل بهزیستی استان کرمانشاه", "aliases": ["بهزیستی کرمانشاه"]}]
    gold = {"title": "مدیرکل", "organization": "اداره کل بهزیستی استان کرمانشاه"}
    pred = {"title": "مدیرکل", "organization": "بهزیستی کرمانشاه"}
    assert role_matches(gold, pred, orgs)


def test_text_overlap_counts_long_blocks_not_scattered_letters():
    gold = "عملکرد این اداره مطلوب و شایسته تقدیر است"
    assert text_overlap(gold, "گفت: " + gold + " و افزود") == 1.0
    assert text_overlap(gold, "عملکرد این اداره مطلوب") >= 0.5
    assert text_overlap(gold, "این اداره") < 0.5
    assert text_overlap(gold, "بارش باران در استان ادامه دارد و راه‌ها باز است") < 0.2


def test_quotes_need_the_right_speaker():
    gold = [{"speaker": "محمد قاسمی", "text": "عملکرد این اداره مطلوب و شایسته تقدیر است"}]
    right = [{"speaker": "سید محمد قاسمی", "text": "عملکرد این اداره مطلوب و شایسته تقدیر است."}]
    wrong = [{"speaker": "فاطمه ایرانی", "text": "عملکرد این اداره مطلوب و شایسته تقدیر است."}]
    assert match_quotes(gold, right).counts.tp == 1
    assert match_quotes(gold, wrong).counts.tp == 0
    assert match_quotes(gold, wrong, speaker=False).counts.tp == 1


def test_one_prediction_matches_one_gold_quote():
    gold = [
        {"speaker": "علی", "text": "نخستین جمله نقل قول طولانی است"},
        {"speaker": "علی", "text": "نخستین جمله نقل قول طولانی است"},
    ]
    pred = [{"speaker": "علی", "text": "نخستین جمله نقل قول طولانی است"}]
    counts = match_quotes(gold, pred).counts
    assert (counts.tp, counts.fn, counts.fp) == (1, 1, 0)


def test_dates_without_an_explicit_year_are_not_scored():
    gold = [{"text": "۱۵ اردیبهشت ۱۴۰۳", "jalali": "1403-02-15"}]
    pred = [
        {"text": "۱۵ اردیبهشت ۱۴۰۳", "jalali": "1403-02-15"},
        {"text": "اردیبهشت امسال", "jalali": "1403-02"},
        {"text": "فصل بهار", "jalali": None},
    ]
    counts, _, _ = match_dates(gold, pred)
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 0)
    words = [{"text": "بیست و پنجم مهر ماه هزار و چهارصد و سه", "jalali": "1403-07-25"}]
    assert match_dates([], words)[0].fp == 1


def test_check_date_catches_a_wrong_conversion_and_a_wrong_season_range():
    assert check_date({"text": "۱۹ اردیبهشت ۱۴۰۳", "jalali": "1403-02-19", "gregorian": "2024-05-08"}) == []
    assert check_date({"text": "۱۹ اردیبهشت ۱۴۰۳", "jalali": "1403-02-19", "gregorian": "2024-05-09"})
    season = {"text": "زمستان ۱۴۰۳", "jalali": "1403-10", "range_start": "2024-12-21"}
    assert check_date({**season, "range_end": "2025-03-20"}) == []  # 1403 is a leap year: 30 Esfand
    assert check_date({**season, "range_end": "2025-03-19"})


def test_every_gold_file_is_consistent_with_its_article(gold_set):
    assert len(gold_set) >= 13
    problems = [p for a in gold_set for p in check_gold(a)]
    assert problems == []


def test_gold_against_gold_scores_one_everywhere(gold_set):
    _, summary = score_all([(a.name, a.gold, gold_prediction(a)) for a in gold_set])
    for name in PRF_FIELDS:
        assert summary.counts[name].f1 == 1.0, name
    for name in ACCURACY_FIELDS:
        assert summary.tallies[name].accuracy == 1.0, name


def test_seed_gold_is_fully_right(seed):
    assert seed_failures(seed.gold, gold_prediction(seed)) == []


def _perturbed(article):
    return copy.deepcopy(gold_prediction(article))


def test_a_missed_person_costs_recall_and_its_roles(seed):
    pred = _perturbed(seed)
    del pred["persons"][0]
    s = score_article(seed.gold, pred)
    assert s.counts["persons"].fn == 1 and s.counts["persons"].fp == 0
    assert s.counts["roles"].fn == 1
    assert any(f.startswith("persons") for f in seed_failures(seed.gold, pred))


def test_a_name_with_its_honorific_left_in_is_still_the_same_person(seed):
    pred = _perturbed(seed)
    pred["persons"][0]["name"] = "سید محمد قاسمی"
    assert score_article(seed.gold, pred).counts["persons"].fp == 0


def test_an_unmerged_duplicate_person_is_spurious(seed):
    pred = _perturbed(seed)
    pred["persons"].append({"name": "محمد قاسمی", "honorific": None, "roles": []})
    assert score_article(seed.gold, pred).counts["persons"].fp == 1


def test_a_wrong_speaker_breaks_the_quote_and_the_seed(seed):
    pred = _perturbed(seed)
    pred["quotes"][7]["speaker"] = "مسئول اداره روابط عمومی مخابرات منطقه لرستان"
    s = score_article(seed.gold, pred)
    assert (s.counts["quotes"].tp, s.counts["quotes"].fn, s.counts["quotes"].fp) == (9, 1, 1)
    assert s.counts["quotes_text"].fn == 0
    assert any(f.startswith("quotes") for f in seed_failures(seed.gold, pred))


def test_a_wrong_tone_toward_the_telecom_company_fails_the_seed(seed):
    pred = _perturbed(seed)
    pred["organizations"][0]["tone"] = "neutral"
    s = score_article(seed.gold, pred)
    assert s.tallies["tone"].correct == s.tallies["tone"].total - 1
    assert any(f.startswith("telecom tone") for f in seed_failures(seed.gold, pred))


def test_menu_words_left_in_the_body_are_caught(seed):
    pred = _perturbed(seed)
    pred["body"] += "\nمقاله\nگفتگو"
    s = score_article(seed.gold, pred)
    assert s.counts["boilerplate"].fn == 2
    assert not s.tallies["boilerplate_exact"].correct
    assert "trailing menu words kept in the body" in seed_failures(seed.gold, pred)


def test_article_text_listed_as_boilerplate_is_a_false_positive(seed):
    pred = _perturbed(seed)
    pred["boilerplate"] = [
        *pred["boilerplate"],
        "انتهای پیام/",
        seed.gold["title"],
        "وی تصریح کرد: کسب رتبه برتر",
    ]
    s = score_article(seed.gold, pred)
    assert s.counts["boilerplate"].fp == 1  # the end marker and the repeated title are allowed


def test_quote_text_cut_from_the_body_is_reported(seed):
    pred = _perturbed(seed)
    pred["body"] = pred["body"].split("\n")[0]
    s = score_article(seed.gold, pred)
    assert s.tallies["content_kept"].correct < s.tallies["content_kept"].total


def test_wrong_outlet_genre_and_dates_are_counted(gold_set):
    article = next(a for a in gold_set if a.name.startswith("10-"))
    pred = _perturbed(article)
    pred["outlet"] = "خبرگزاری دیگر"
    pred["genre"] = "report"
    pred["dates"] = [{"text": "۱۱ آبان ۱۴۰۳", "jalali": "1403-08-11", "gregorian": "2024-11-01"}]
    s = score_article(article.gold, pred)
    assert not s.tallies["outlet"].correct and not s.tallies["genre"].correct
    assert (s.counts["dates"].tp, s.counts["dates"].fp, s.counts["dates"].fn) == (0, 1, 2)


def test_an_empty_prediction_scores_zero_recall(gold_set):
    _, summary = score_all([(a.name, a.gold, {}) for a in gold_set])
    assert summary.counts["persons"].recall == 0.0
    assert summary.counts["quotes"].recall == 0.0
    assert summary.tallies["genre"].accuracy == 0.0


def test_the_bench_scores_gold_against_itself_from_the_command_line(capsys):
    from reader_quality import main

    assert main(["--gold-as-prediction", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["seed_failures"] == []
    assert result["gold_problems"] == []
    assert all(f["f1"] == 1.0 for f in result["summary"]["prf"].values())


def test_hostile_markup_in_a_prediction_is_reported():
    from reader_quality import hostile_leaks

    assert hostile_leaks({"body": "متن خبر"}) == []
    assert hostile_leaks({"body": "متن <script>alert(1)</script>"}) == ["<script", "alert("]
    assert hostile_leaks({"boilerplate": ['<img onerror="x">']}) == ["onerror"]
