"""The tone audit: sampling a period, human decisions, agreement, training data, audit log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sanjeh.audit.models import AuditEntry
from sanjeh.evaluation.services import create_period
from sanjeh.monitoring.models import Article, Mention, Story
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.scoring.periods import parse_period
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership, ToneSample
from sanjeh.web.tone_audit import decide, draw_sample, labelled_mentions, period_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentions():
    agency = Agency.objects.create(code="water", name="آبفای لرستان", peer_group=PeerGroup.objects.first())
    spring = dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)
    summer = dt.datetime(2024, 8, 1, 10, tzinfo=dt.UTC)
    created = []
    for n in range(12):
        article = Article.objects.create(
            raw_digest=f"{n:064d}",
            source="t",
            locator=f"t{n}",
            kind="text",
            title=f"خبر {n}",
            published=spring if n < 10 else summer,
        )
        created.append(
            Mention.objects.create(
                article=article,
                agency=agency,
                tone="negative" if n % 2 else "positive",
                tone_evidence=[f"جمله {n}"],
            )
        )
    return created


def test_draw_is_seeded_within_the_period_and_never_repeats(mentions) -> None:
    evaluator = User.objects.create_user("e")
    spring = parse_period("1403-spring")
    first = draw_sample(period=spring, size=4, seed=3, actor=evaluator)
    again = draw_sample(period=spring, size=100, seed=3, actor=evaluator)
    ids = [s.mention_id for s in first + again]
    assert len(first) == 4 and len(again) == 6 and len(set(ids)) == 10  # only spring's 10, each once
    assert AuditEntry.objects.filter(action="sample").count() == 2


def test_agreement_and_training_data(mentions) -> None:
    evaluator = User.objects.create_user("e")
    samples = draw_sample(period=parse_period("1403-spring"), size=10, seed=1, actor=evaluator)
    for sample in samples[:4]:
        decide(sample=sample, tone=sample.automatic_tone, actor=evaluator)
    decide(sample=samples[4], tone="neutral", actor=evaluator)
    result = period_agreement("1403-spring")
    assert result.n == 5 and result.accuracy == pytest.approx(0.8)
    examples = list(labelled_mentions())
    assert len(examples) == 5 and {e.tone for e in examples} <= {"positive", "negative", "neutral"}
    assert all(e.sentences and e.org_name == "آبفای لرستان" for e in examples)
    entry = AuditEntry.objects.filter(action="decide").order_by("id").last()
    assert entry.actor == "e" and entry.after == {"human_tone": "neutral"}


def test_only_evaluators_reach_the_audit_pages(mentions) -> None:
    viewer = User.objects.create_user("v")
    Membership.objects.create(user=viewer, role=Role.VIEWER)
    evaluator = User.objects.create_user("e")
    Membership.objects.create(user=evaluator, role=Role.EVALUATOR)
    client = Client()
    client.force_login(viewer)
    assert client.get("/tone-audit/").status_code == 403
    client.force_login(evaluator)
    unknown = client.post("/tone-audit/", {"period": "1403-spring", "size": 3})
    assert "دوره را از فهرست" in unknown.content.decode() and not ToneSample.objects.exists()
    create_period(name="1403-spring")
    form = client.get("/tone-audit/").content.decode()
    assert '<select name="period"' in form and "بهار ۱۴۰۳" in form and "بذر" not in form
    response = client.post("/tone-audit/", {"period": "1403-spring", "size": 3})
    assert response.status_code == 302
    sample = ToneSample.objects.first()
    row = client.post(f"/tone-audit/{sample.id}/decide/", {"tone": "neutral"}, HTTP_HX_REQUEST="true")
    assert row.status_code == 200 and 'aria-pressed="true"' in row.content.decode()
    assert client.post(f"/tone-audit/{sample.id}/decide/", {"tone": "angry"}).status_code == 400
    page = client.get("/tone-audit/", {"period": "۱۴۰۳ بهار"}).content.decode()
    assert "کاپای کوهن" in page


def test_audit_log_is_append_only(mentions) -> None:
    entry = AuditEntry.objects.create(actor="x", action="create", object_type="t", object_id="1")
    entry.label = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(actor="y")


def test_sample_takes_the_least_confident_mentions_first_without_duplicates(mentions) -> None:
    evaluator = User.objects.create_user("e")
    for n, mention in enumerate(mentions):
        mention.tone_confidence = [0.9, 0.4, 0.95, 0.6, 0.4, 0.99, 0.7, 0.8, 0.5, 0.45, 0.1, 0.1][n]
        mention.save(update_fields=["tone_confidence"])
    spring = parse_period("1403-spring")  # mentions 10 and 11 (the least confident) are in summer
    first = draw_sample(period=spring, size=3, seed=5, actor=evaluator)
    assert {s.mention_id for s in first} == {mentions[1].id, mentions[4].id, mentions[9].id}
    again = draw_sample(period=spring, size=2, seed=5, actor=evaluator)
    assert [s.mention_id for s in again] == [mentions[8].id, mentions[3].id]
    ids = list(ToneSample.objects.filter(period="1403-spring").values_list("mention_id", flat=True))
    assert len(ids) == len(set(ids)) == 5


def test_a_decision_becomes_the_mentions_tone(mentions) -> None:
    evaluator = User.objects.create_user("e")
    sample = draw_sample(period=parse_period("1403-spring"), size=1, seed=1, actor=evaluator)[0]
    decide(sample=sample, tone="neutral", actor=evaluator)
    mention = Mention.objects.get(pk=sample.mention_id)
    assert (mention.tone_audited, mention.audited_by) == ("neutral", "e") and mention.audited_at
    assert mention.tone == sample.automatic_tone  # the model's tone is kept beside the decision
    assert AuditEntry.objects.filter(action="audit_tone", object_id=str(mention.id)).exists()


def test_syndicated_copies_of_one_story_are_drawn_once(mentions) -> None:
    """Three outlets carrying one story are one mention for the auditor: never twice in a sample, also
    not across two draws."""
    story = Story.objects.create(key="one-story")
    for mention in mentions[:3]:
        Article.objects.filter(pk=mention.article_id).update(story=story)
    evaluator = User.objects.create_user("e")
    spring = parse_period("1403-spring")
    first = draw_sample(period=spring, size=4, seed=1, actor=evaluator)
    rest = draw_sample(period=spring, size=100, seed=1, actor=evaluator)
    drawn = {s.mention_id for s in first + rest}
    assert len(drawn) == 8  # ten spring mentions, three of them copies of one story
    assert len(drawn & {m.id for m in mentions[:3]}) == 1
