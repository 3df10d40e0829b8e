"""Media indicators of one period, computed from the monitoring data with the evidence behind each number.

Definitions follow the IPR interim standards for media measurement (DOMAIN.md): an *item* is one story
in one outlet — syndicated copies of a story count once per outlet carrying it (key: syndication story ×
outlet); *share of voice* = own items ÷ the peer group's items; *prominence* 3 title, 2 lead, 1 body;
*net tone* = (positive − negative) ÷ items; *message penetration* = items carrying a key message ÷ items;
*spokesperson visibility* = items quoting the agency's officials. Every value carries the ids of the
mentions, articles and stories it was counted from, so each number on a result sheet is explainable.

Assumptions (docs/evaluation.md): an article with no registered outlet is a local (tier 1) item; an
outlet's tier is read from its `tier_weight` (≥ 3 national, ≥ 2 provincial, else local); an answer to
critical coverage is a later item (≤ 48 h) mentioning the agency that comes from its PR office (its
story originates from the agency's PR office, or the article credits «روابط عمومی»); timeliness counts
the agency's PR-originated stories whose text names an exact event day on or before publication, and
"out within 24 h" means published on the event day or the day after. Tone (E4, and "critical" in R1)
is the auditor's where a human decided it (`Mention.tone_audited`), otherwise the model's. Multimedia
(O3) is not visible in the monitored text, so it is taken from the agency's submission.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from sanjeh.monitoring.models import Article, Mention, Story
from sanjeh.news.attribution import fold
from sanjeh.registry.models import Agency
from sanjeh.scoring.misclassification import ErrorModel, correct_tone, error_model

logger = logging.getLogger(__name__)

__all__ = ["RESPONSE_WINDOW", "MediaValue", "media_values", "tier_of"]

RESPONSE_WINDOW = dt.timedelta(hours=48)
#: Audited mentions needed before E4 is corrected for the tone model's error (a rule of thumb: fewer
#: pairs leave most cells of a 3 × 3 confusion matrix empty or at one or two mentions).
MIN_AUDIT_PAIRS = 30
TONE_DRAWS = 1000  # bootstrap draws of the corrected net tone's interval
_PR_FOLDED = (" روابط عمومی ", " روابطعمومی ")


@dataclass(frozen=True)
class MediaValue:
    """The raw input of one media indicator (the keys `score_indicator` reads) and its evidence ids."""

    measure: str
    raw: dict[str, Any]
    evidence: dict[str, list[Any]] = field(default_factory=dict)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "raw": self.raw, "evidence": self.evidence, "note": self.note}


@dataclass
class _Item:
    """One story in one outlet for one agency: the representative mention and every copy's ids."""

    mention: int
    article: int
    published: dt.datetime
    prominence: int
    tone: str  # the auditor's tone where a human decided it, otherwise the model's
    model_tone: str
    audited: bool
    tier: str
    mentions: list[int] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)


def tier_of(tier_weight: float | None) -> str:
    """Outlet tier from its weight: national (≥ 3), provincial (≥ 2) or local; no outlet → local."""
    if tier_weight is None:
        return "local"
    if tier_weight >= 3:
        return "national"
    if tier_weight >= 2:
        return "provincial"
    return "local"


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_default_timezone()
    lo = dt.datetime.combine(start, dt.time.min).replace(tzinfo=tz)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min).replace(tzinfo=tz)
    return lo, hi


def _carries(folded_text: str, folded_message: str) -> bool:
    """Whether a text carries a key message: whole words, and for phrases with ZWNJ/spaces ignored.

    Damaged input glues or splits compound words («اینترنت\u200cپرسرعت», «اینترنتپرسرعت»), so a
    phrase of two or more words is compared without spaces; a single word must match as a word.
    """
    if folded_message in folded_text:
        return True
    if folded_message.strip().count(" ") >= 1:
        return folded_message.replace(" ", "") in folded_text.replace(" ", "")
    return False


def _from_pr(attribution: str) -> bool:
    folded = fold(attribution)
    return any(p in folded for p in _PR_FOLDED)


def _items(rows: Iterable[dict[str, Any]]) -> dict[int, list[_Item]]:
    """Group mention rows into items per agency: one per (syndication story, outlet)."""
    grouped: dict[tuple[int, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        story = f"s{r['article__story_id']}" if r["article__story_id"] else f"a{r['article_id']}"
        outlet = (
            f"o{r['article__outlet_id']}"
            if r["article__outlet_id"]
            else (r["article__outlet_name"] or f"a{r['article_id']}")
        )
        grouped[(r["agency_id"], story, outlet)].append(r)
    out: dict[int, list[_Item]] = defaultdict(list)
    for (agency, _, _), copies in sorted(grouped.items()):
        copies.sort(key=lambda r: (r["article__published"], r["article_id"]))
        rep = copies[0]
        out[agency].append(
            _Item(
                mention=rep["id"],
                article=rep["article_id"],
                published=rep["article__published"],
                prominence=max(int(c["prominence"]) for c in copies),
                tone=rep["tone_audited"] or rep["tone"],
                model_tone=rep["tone"],
                audited=bool(rep["tone_audited"]),
                tier=tier_of(rep["article__outlet__tier_weight"]),
                mentions=sorted(c["id"] for c in copies),
                articles=sorted(c["article_id"] for c in copies),
            )
        )
    for items in out.values():
        items.sort(key=lambda it: (it.published, it.article))
    return out


_MENTION_FIELDS = (
    "id",
    "agency_id",
    "article_id",
    "prominence",
    "tone",
    "tone_audited",
    "article__story_id",
    "article__outlet_id",
    "article__outlet_name",
    "article__outlet__tier_weight",
    "article__published",
)


def _event_day(analysis: Mapping[str, Any], published: dt.date) -> dt.date | None:
    """The latest exact day named in the text on or before publication (ranges such as seasons skipped)."""
    best = None
    for d in analysis.get("dates") or ():
        if d.get("range_start") or not d.get("gregorian"):
            continue
        try:
            day = dt.date.fromisoformat(str(d["gregorian"])[:10])
        except ValueError:
            continue
        if day <= published and (best is None or day > best):
            best = day
    return best


def media_values(
    *, start: dt.date, end: dt.date, agencies: Sequence[Agency], key_messages: Sequence[str] = ()
) -> dict[str, dict[str, MediaValue]]:
    """Raw media measures per agency code over the articles published from `start` to `end` (inclusive).

    Returns `{agency code: {measure: MediaValue}}` with every measure of `scoring.MEDIA_MEASURES`. Peer
    groups for share of voice are the agencies' registry peer groups, among `agencies`.
    """
    lo, hi = _bounds(start, end)
    ids = {a.id: a for a in agencies}
    rows = list(
        Mention.objects.filter(
            agency_id__in=ids, article__published__gte=lo, article__published__lt=hi
        ).values(*_MENTION_FIELDS)
    )
    items = _items(rows)
    quoted: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    through = Mention.quoted_officials.through
    for mention_id, official_id, spokes in through.objects.filter(
        mention_id__in=[r["id"] for r in rows]
    ).values_list("mention_id", "official_id", "official__is_spokesperson"):
        quoted[mention_id].append((official_id, spokes))
    texts: dict[int, str] = {}
    messages = [(m, fold(m)) for m in key_messages if fold(m).strip()]
    if messages:
        rep_ids = {it.article for its in items.values() for it in its}
        for aid, title, lead, body in Article.objects.filter(id__in=rep_ids).values_list(
            "id", "title", "lead", "body"
        ):
            texts[aid] = fold(f"{title} {lead} {body}")

    group_items: dict[int, int] = defaultdict(int)
    for agency_id, its in items.items():
        group_items[ids[agency_id].peer_group_id] += len(its)

    answers = _answers(ids, lo, hi)
    official = _official_stories(ids, lo, hi)
    errors = _tone_error(lo, hi)
    out: dict[str, dict[str, MediaValue]] = {}
    for agency_id, agency in sorted(ids.items(), key=lambda kv: kv[1].code):
        its = items.get(agency_id, [])
        out[agency.code] = _agency_values(
            its,
            quoted,
            texts,
            messages,
            group_total=group_items[agency.peer_group_id],
            answers=answers.get(agency_id, []),
            stories=official.get(agency_id, []),
            errors=errors,
        )
    logger.debug("media values for %d agencies from %d mentions", len(out), len(rows))
    return out


def _answers(ids: Mapping[int, Agency], lo: dt.datetime, hi: dt.datetime) -> dict[int, list[tuple]]:
    """Candidate answers per agency: items from its PR office mentioning it, up to 48 h after the period."""
    rows = Mention.objects.filter(
        agency_id__in=ids, article__published__gte=lo, article__published__lt=hi + RESPONSE_WINDOW
    ).values_list(
        "agency_id",
        "article_id",
        "article__published",
        "article__source_attribution",
        "article__story__origin_agency_id",
        "article__story__from_pr_office",
    )
    out: dict[int, list[tuple]] = defaultdict(list)
    for agency_id, article_id, published, attribution, origin, from_pr in rows:
        if (from_pr and origin == agency_id) or (attribution and _from_pr(attribution)):
            out[agency_id].append((published, article_id))
    for v in out.values():
        v.sort()
    return out


def _official_stories(ids: Mapping[int, Agency], lo: dt.datetime, hi: dt.datetime) -> dict[int, list[Story]]:
    out: dict[int, list[Story]] = defaultdict(list)
    stories = Story.objects.filter(
        origin_agency_id__in=ids, from_pr_office=True, first_published__gte=lo, first_published__lt=hi
    ).order_by("first_published", "id")
    for story in stories:
        out[story.origin_agency_id].append(story)
    return out


def _agency_values(
    items: list[_Item],
    quoted: Mapping[int, list[tuple[int, bool]]],
    texts: Mapping[int, str],
    messages: Sequence[tuple[str, str]],
    *,
    group_total: int,
    answers: list[tuple],
    stories: list[Story],
    errors: ErrorModel | None,
) -> dict[str, MediaValue]:
    n = len(items)
    all_mentions = [m for it in items for m in it.mentions]
    by_tier: dict[str, list[int]] = {"national": [], "provincial": [], "local": []}
    for it in items:
        by_tier[it.tier].append(it.article)
    values = {
        "pickup": MediaValue(
            "pickup",
            {"counts": {t: len(v) for t, v in by_tier.items()}},
            {"articles_by_tier": [[t, v] for t, v in by_tier.items()], "mentions": all_mentions},
            "items counted once per outlet per syndication story",
        ),
        "share_of_voice": MediaValue(
            "share_of_voice",
            {"own": n, "total": group_total},
            {"mentions": [it.mention for it in items]},
            "own items ÷ items of every agency in the peer group",
        ),
        "prominence": MediaValue(
            "prominence",
            {
                "title": sum(it.prominence == 3 for it in items),
                "lead": sum(it.prominence == 2 for it in items),
                "body": sum(it.prominence == 1 for it in items),
            },
            {"mentions": [it.mention for it in items]},
        ),
        "net_tone": _net_tone(items, errors),
    }
    if messages:
        hits = [
            [it.article, [m for m, f in messages if _carries(texts.get(it.article, ""), f)]] for it in items
        ]
        carrying = [h for h in hits if h[1]]
        values["key_messages"] = MediaValue(
            "key_messages",
            {"numerator": len(carrying), "denominator": n},
            {"articles": carrying},
        )
    else:
        values["key_messages"] = MediaValue(
            "key_messages", {"status": "not_applicable"}, {}, "no key messages set for the period"
        )
    present = [it for it in items if it.tier == "national" or any(quoted.get(m) for m in it.mentions)]
    spokes = [it.article for it in items if any(s for m in it.mentions for _, s in quoted.get(m, ()))]
    values["national_presence"] = MediaValue(
        "national_presence",
        {"count": len(present)},
        {
            "articles": [it.article for it in present],
            "national": by_tier["national"],
            "quoting_officials": [it.article for it in items if any(quoted.get(m) for m in it.mentions)],
            "quoting_spokesperson": spokes,
        },
        "items in national outlets or quoting the agency's officials (each item once)",
    )
    critical = [it for it in items if it.tone == "negative"]
    answered = []
    for it in critical:
        reply = next((a for a in answers if it.published < a[0] <= it.published + RESPONSE_WINDOW), None)
        if reply is not None:
            answered.append([it.article, reply[1]])
    values["critical_response"] = MediaValue(
        "critical_response",
        {"numerator": len(answered), "denominator": len(critical)},
        {"critical": [it.article for it in critical], "answered": answered},
        "critical = negative-tone items; answered = an item from the agency's PR office within 48 h",
    )
    values["official_news"] = MediaValue(
        "official_news",
        {"count": len(stories)},
        {"stories": [s.id for s in stories]},
        "stories first published in the period that originate from the agency's PR office",
    )
    values["timeliness"] = _timeliness(stories)
    return values


def _tone_error(lo: dt.datetime, hi: dt.datetime) -> ErrorModel | None:
    """The tone model's measured error in the period: (model, auditor) pairs of its audited mentions.

    None with fewer than `MIN_AUDIT_PAIRS` pairs: a confusion matrix from a handful is noise.
    """
    pairs = list(
        Mention.objects.filter(article__published__gte=lo, article__published__lt=hi)
        .exclude(tone_audited="")
        .order_by("id")
        .values_list("tone", "tone_audited")
    )
    if len(pairs) < MIN_AUDIT_PAIRS:
        return None
    return error_model(pairs, draws=TONE_DRAWS, seed=0)


def _net_tone(items: list[_Item], errors: ErrorModel | None) -> MediaValue:
    """E4's counts with the audited tone where present, and the net tone corrected for the model's error.

    `audited` is true when the period's audit measured the model's error (the corrected value and its
    interval are reported) or when every item's tone was decided by a human.
    """
    n = len(items)
    audited = [it for it in items if it.audited]
    evidence: dict[str, Any] = {
        "positive": [it.mention for it in items if it.tone == "positive"],
        "negative": [it.mention for it in items if it.tone == "negative"],
        "audited": [it.mention for it in audited],
    }
    note = "automatic tone; flagged until a human audit"
    corrected = None
    if errors is not None and n:
        corrected = correct_tone(
            errors,
            observed=Counter(it.model_tone for it in items if not it.audited),
            known=Counter(it.tone for it in audited),
        )
        evidence["tone_correction"] = corrected.to_dict()
        note = (
            f"audited tone where decided; net tone corrected for the model's error measured on "
            f"{errors.pairs} audited mentions"
        )
    elif audited:
        note = f"audited tone for {len(audited)} of {n} items; too few audited mentions to correct the rest"
    raw = {
        "positive": sum(it.tone == "positive" for it in items),
        "negative": sum(it.tone == "negative" for it in items),
        "items": n,
        "audited": bool(n) and (corrected is not None or len(audited) == n),
    }
    return MediaValue("net_tone", raw, evidence, note)


def _timeliness(stories: list[Story]) -> MediaValue:
    firsts = {}
    for story in stories:
        first = story.articles.order_by("published", "id").first()
        if first is not None:
            firsts[story.id] = first
    event, on_time = [], []
    for story in stories:
        art = firsts.get(story.id)
        if art is None or story.first_published is None:
            continue
        pub = timezone.localtime(story.first_published).date()
        day = _event_day(art.analysis or {}, pub)
        if day is None:
            continue
        event.append(story.id)
        if (pub - day).days <= 1:
            on_time.append(story.id)
    return MediaValue(
        "timeliness",
        {"numerator": len(on_time), "denominator": len(event)},
        {"event_stories": event, "on_time": on_time},
        "event news = PR stories naming an exact event day; on time = out the same or the next day",
    )
