"""The tone audit: an evaluator codes a sample of a period's mentions by hand.

The sample takes the mentions the tone model is least sure of first (lowest `tone_confidence`, ties in
a seeded order), as in uncertainty sampling for active learning: a decision there is likeliest to
correct a wrong tone and is the most useful training example. A decision becomes the mention's tone
(`monitoring.services.audit_tone`), so E4 and R1 count the audited tone, and re-analysis keeps it.
Reports agreement between automatic and human tone (accuracy, Cohen's kappa), and keeps the human labels
as training data for a learned tone model (`sanjeh.news.tone.train_tone_model`). IPR interim standards:
automatic tone needs a human-audited sample.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from sanjeh.audit.models import AuditEntry
from sanjeh.audit.services import record
from sanjeh.monitoring.models import Mention
from sanjeh.monitoring.services import audit_tone
from sanjeh.news.tone import LabelledMention
from sanjeh.scoring.agreement import Agreement, agreement
from sanjeh.scoring.periods import Period
from sanjeh.web.errors import WebError
from sanjeh.web.models import ToneSample

TONES = ("positive", "neutral", "negative")


def draw_sample(*, period: Period, size: int, seed: int, actor: Any) -> list[ToneSample]:
    """Add up to `size` not-yet-sampled mentions of `period`, the model's least confident first.

    Deterministic: confidence ascending, ties broken by a `seed`ed shuffle, so the draw can be repeated;
    a mention is never in a period's sample twice (and the constraint `tone_sample_once` holds it), nor
    is a syndicated copy of one already drawn: one agency in one story (the same text carried by several
    outlets) is one decision, so the auditor never reads the same mention twice.
    """
    if size < 1:
        raise WebError(f"sample size must be at least 1, got {size}")
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=timezone.get_current_timezone())
    end = dt.datetime.combine(period.end, dt.time.max, tzinfo=timezone.get_current_timezone())
    sampled = ToneSample.objects.filter(period=period.name)
    seen = {_copy_key(story, article, agency) for story, article, agency in sampled.values_list(
        "mention__article__story_id", "mention__article_id", "mention__agency_id")}  # fmt: skip
    candidates = list(
        Mention.objects.filter(article__published__range=(start, end))
        .exclude(id__in=sampled.values_list("mention_id", flat=True))
        .order_by("id")
        .values_list("id", "tone", "tone_confidence", "article__story_id", "article_id", "agency_id")
    )
    tie = random.Random(seed).sample(range(len(candidates)), len(candidates))
    ranked = sorted(zip(tie, candidates, strict=True), key=lambda tc: (tc[1][2], tc[0]))
    chosen: list[tuple[int, str]] = []
    for _, (mention_id, tone, _, story, article, agency) in ranked:
        key = _copy_key(story, article, agency)
        if key in seen:
            continue
        seen.add(key)
        chosen.append((mention_id, tone))
        if len(chosen) == size:
            break
    with transaction.atomic():
        samples = [
            ToneSample.objects.create(period=period.name, mention_id=mention_id, automatic_tone=tone)
            for mention_id, tone in chosen
        ]
        record(
            actor=actor,
            action="sample",
            object_type="web.tonesample",
            object_id=period.name,
            label=f"{len(samples)} mentions drawn (seed {seed})",
        )
    return samples


def _copy_key(story: int | None, article: int, agency: int) -> tuple[str, int, int]:
    """One key for an agency in every copy of a story (an article without a story is its own)."""
    return ("story", story, agency) if story is not None else ("article", article, agency)


def next_seed(period_name: str) -> int:
    """The tie-break seed of the next draw: the number of draws so far, so repeating the same sequence of
    draws gives the same samples (written in the audit label), with no number for a person to choose."""
    return AuditEntry.objects.filter(
        action="sample", object_type="web.tonesample", object_id=period_name
    ).count()


def decide(*, sample: ToneSample, tone: str, actor: Any) -> ToneSample:
    """Record the auditor's tone on the sample and make it the mention's tone (both audited)."""
    if tone not in TONES:
        raise WebError(f"tone {tone!r} is not one of {', '.join(TONES)}")
    before = {"human_tone": sample.human_tone or None}
    sample.human_tone, sample.auditor, sample.decided = tone, actor.get_username(), timezone.now()
    with transaction.atomic():
        sample.save(update_fields=["human_tone", "auditor", "decided"])
        record(actor=actor, action="decide", instance=sample, before=before, after={"human_tone": tone})
        audit_tone(mention=Mention.all_objects.get(pk=sample.mention_id), tone=tone, actor=actor)
    return sample


def period_agreement(period_name: str) -> Agreement:
    decided = ToneSample.objects.filter(period=period_name).exclude(human_tone="")
    pairs = list(decided.values_list("automatic_tone", "human_tone"))
    return agreement([a for a, _ in pairs], [h for _, h in pairs])


def labelled_mentions() -> Iterator[LabelledMention]:
    """Every human-coded mention as a training example (organisation, its sentences, the coded tone)."""
    decided = ToneSample.objects.exclude(human_tone="").select_related("mention__agency", "mention__article")
    for sample in decided.iterator():
        mention = sample.mention
        sentences = tuple(mention.tone_evidence) or tuple(
            s for s in (mention.article.title, mention.article.lead) if s
        )
        yield LabelledMention(org_name=mention.agency.name, sentences=sentences, tone=sample.human_tone)
