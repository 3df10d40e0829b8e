"""Helpers shared by the web and report tests: move a period's calendar, and a logged-in client per role."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from sanjeh.evaluation import workflow
from sanjeh.evaluation.models import Period
from sanjeh.registry.models import Agency
from sanjeh.web.models import Membership

_TIMELINE_KEYS = ("evidence_close", "rating_close", "provisional", "appeals_close", "final")


def shift_to(period: Period, state: str) -> Period:
    """Give the period a timeline that puts the real today in `state` (views use the real date)."""
    after = (timezone.localdate() - period.end).days
    offsets = {
        "evidence_due": (after + 1, after + 2, after + 3, after + 5, after + 7),
        "rating": (after - 1, after + 1, after + 2, after + 5, after + 7),
        "provisional": (after - 3, after - 2, after, after + 3, after + 5),
        "appeals": (after - 3, after - 2, after - 1, after + 3, after + 5),
        "final": (after - 5, after - 4, after - 3, after - 2, after - 1),
    }[state]
    period.timeline = dict(zip(_TIMELINE_KEYS, offsets, strict=True))
    period.save()
    assert workflow.state_of(period) == state
    return period


def logged_in(user: User) -> Client:
    """A test client with `user` logged in."""
    client = Client()
    client.force_login(user)
    return client


def member(name: str, role: str, agency: Agency | None = None, *, password: str | None = None) -> User:
    """A new account with one membership (`agency` for an agency officer)."""
    user = User.objects.create_user(name, password=password)
    Membership.objects.create(user=user, role=role, agency=agency)
    return user


def client_for_role(role: str, agency: str | None = None) -> Client:
    """A client logged in as a new member with `role` (an agency officer of the agency coded `agency`)."""
    return logged_in(member(f"{role}-{agency}", role, Agency.objects.get(code=agency) if agency else None))


def synthetic_province(tmp_path: Path, *, articles: int = 90, seed: int = 5) -> None:
    """A synthetic province's registry and news, ingested (the corpus and sheets stay in `tmp_path`)."""
    from sanjeh.monitoring.services import ingest
    from sanjeh.registry.services import import_registry
    from sanjeh.synth import generate_corpus

    generate_corpus(out=tmp_path, articles=articles, seed=seed)
    import_registry(path=tmp_path / "registry.yaml")
    ingest(sources=[str(tmp_path / "articles.jsonl")])
