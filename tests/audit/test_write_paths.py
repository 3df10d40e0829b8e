"""One write path, always audited: every model the admin can change, and every import path, leaves an
audit entry naming who, what before → after, and through what (`via`)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import Client, RequestFactory

from sanjeh.audit.admin import AuditedMixin
from sanjeh.audit.models import AuditEntry
from sanjeh.evaluation.models import Period, RaterAssignment, Rating, Submission
from sanjeh.monitoring.models import QuarantinedItem, Story
from sanjeh.registry.models import Agency, Official, Outlet, PeerGroup
from sanjeh.web.models import Membership

pytestmark = pytest.mark.django_db
_n = itertools.count()


def _agency() -> Agency:
    k = next(_n)
    return Agency.objects.create(code=f"ag{k}", name=f"دستگاه {k}", peer_group=PeerGroup.objects.first())


def _period() -> Period:
    from sanjeh.evaluation.services import create_period

    names = ("1401-spring", "1401-summer", "1401-autumn", "1401-winter", "1402-spring", "1402-summer")
    taken = set(Period.objects.values_list("name", flat=True))
    return create_period(name=next(n for n in names if n not in taken))


def _user() -> User:
    return User.objects.create_user(f"u{next(_n)}")


#: One fresh row per model the admin may change: a new editable admin without one fails the walk.
FACTORIES: dict[type, Callable[[], Any]] = {
    PeerGroup: lambda: PeerGroup.objects.create(code=f"g{next(_n)}", name="گروه", order=9),
    Agency: _agency,
    Official: lambda: Official.objects.create(person="سخنگو", role_title="مدیر", agency=_agency()),
    Outlet: lambda: Outlet.objects.create(name=f"رسانه {next(_n)}"),
    Story: lambda: Story.objects.create(key=f"s{next(_n)}"),
    QuarantinedItem: lambda: QuarantinedItem.objects.create(source="t", locator=f"q{next(_n)}", reason="x"),
    Period: _period,
    Submission: lambda: Submission.objects.create(period=_period(), agency=_agency(), indicator="P3"),
    Rating: lambda: Rating.objects.create(
        period=_period(), agency=_agency(), indicator="P1", round=1, rater="r", value=3
    ),
    RaterAssignment: lambda: RaterAssignment.objects.create(
        period=_period(), agency=_agency(), user=_user(), round=1
    ),
    Membership: lambda: Membership.objects.create(user=_user(), role="viewer"),
    User: _user,
    Group: lambda: Group.objects.create(name=f"group {next(_n)}"),
}


def _editable() -> dict[type, Any]:
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_add_permission(request)
        or model_admin.has_change_permission(request)
        or model_admin.has_delete_permission(request)
    }


def test_every_model_the_admin_can_change_is_audited() -> None:
    editable = _editable()
    assert set(editable) == set(FACTORIES), "a new editable admin needs a factory here (and AuditedMixin)"
    boss = User.objects.create_superuser("boss", password="x" * 16)
    request = RequestFactory().post("/admin/")
    request.user = boss
    for model, model_admin in editable.items():
        assert isinstance(model_admin, AuditedMixin), f"{model._meta.label} is edited in the admin unaudited"
        obj = FACTORIES[model]()
        model_admin.save_model(request, obj, None, True)
        label = model._meta.label_lower
        entry = AuditEntry.objects.filter(object_type=label, object_id=str(obj.pk), action="update").get()
        assert (entry.actor, entry.via) == ("boss", "admin") and entry.before and entry.after
        assert entry.after.get("password") in (None, "", "<hidden>")  # never a password hash
        pk = obj.pk
        if model_admin.has_delete_permission(request, obj):
            model_admin.delete_queryset(request, model._default_manager.filter(pk=pk))
            gone = AuditEntry.objects.get(object_type=label, object_id=str(pk), action="delete")
            assert gone.before["id"] == pk and gone.via == "admin"


def test_a_rating_changed_in_the_admin_is_audited_before_and_after() -> None:
    rating = FACTORIES[Rating]()
    boss = User.objects.create_superuser("boss", password="x" * 16)
    client = Client()
    client.force_login(boss)
    form = {
        "period": rating.period_id, "agency": rating.agency_id, "indicator": "P1", "item": "", "round": 1,
        "rater": "r", "user": "", "value": 5, "comment": "",
    }  # fmt: skip
    response = client.post(f"/admin/evaluation/rating/{rating.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:800]
    entry = AuditEntry.objects.get(object_type="evaluation.rating", action="update")
    assert (entry.before["value"], entry.after["value"], entry.actor, entry.via) == (3, 5, "boss", "admin")
    form["value"] = 9  # the model's validators refuse it: nothing saved, nothing audited
    assert client.post(f"/admin/evaluation/rating/{rating.pk}/change/", form).status_code == 200
    assert Rating.objects.get(pk=rating.pk).value == 5
    assert AuditEntry.objects.filter(object_type="evaluation.rating").count() == 1


def test_an_official_added_inline_on_the_agency_page_is_audited() -> None:
    agency = _agency()
    boss = User.objects.create_superuser("boss", password="x" * 16)
    client = Client()
    client.force_login(boss)
    form = {
        "code": agency.code, "name": agency.name, "aliases": "[]", "peer_group": agency.peer_group_id,
        "province": "", "active_from": "", "active_to": "", "parent": "",
        "officials-TOTAL_FORMS": 1, "officials-INITIAL_FORMS": 0, "officials-MIN_NUM_FORMS": 0,
        "officials-MAX_NUM_FORMS": 1000, "officials-0-person": "مریم نمونه",
        "officials-0-role_title": "مدیرکل", "officials-0-honorific": "", "officials-0-start": "",
        "officials-0-end": "", "officials-0-agency": agency.pk,
    }  # fmt: skip
    response = client.post(f"/admin/registry/agency/{agency.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:1500]
    official = Official.objects.get(agency=agency)
    assert AuditEntry.objects.filter(
        object_type="registry.official", object_id=str(official.pk), action="create", via="admin"
    ).exists()


def test_every_import_path_writes_audit_entries(tmp_path: Path) -> None:
    from tests.evaluation.test_sheets import FILL, fill_xlsx

    from sanjeh.evaluation.services import create_period, evaluate, import_sheet, write_template
    from sanjeh.monitoring.models import Article, Mention
    from sanjeh.monitoring.services import audit_tone
    from sanjeh.registry.services import import_registry
    from sanjeh.web.services import create_member

    registry = tmp_path / "registry.yaml"
    registry.write_text(
        "peer_groups:\n  - {code: g9, name: گروه نه, order: 9}\n"
        "agencies:\n  - {code: a, name: شرکت مخابرات نمونه, peer_group: g9}\n"
        "  - {code: b, name: شرکت گاز نمونه, peer_group: g9}\n"
        "  - {code: c, name: اداره کل بهزیستی نمونه, peer_group: g9}\n"
        "outlets:\n  - {name: خبرگزاری نمونه, kind: national_agency}\n",
        encoding="utf-8",
    )
    import_registry(path=registry, actor="importer")
    imported = AuditEntry.objects.filter(actor="importer", action="import")
    assert {e.object_type for e in imported} == {"registry.peergroup", "registry.agency", "registry.outlet"}
    assert all(e.before is None and e.after for e in imported)
    import_registry(path=registry, actor="importer")  # unchanged: nothing more to record
    assert AuditEntry.objects.filter(actor="importer").count() == imported.count()

    period = create_period(name="1403-spring", actor="evaluator")
    assert AuditEntry.objects.filter(object_type="evaluation.period", action="create", actor="evaluator")
    xlsx, _ = write_template(period=period, out=tmp_path)
    fill_xlsx(xlsx, FILL)
    moment = dt.datetime(2024, 7, 1, 9, tzinfo=dt.UTC)
    report = import_sheet(period=period, path=xlsx, actor="importer", now=moment)
    subs = AuditEntry.objects.filter(object_type="evaluation.submission", action="import")
    rates = AuditEntry.objects.filter(object_type="evaluation.rating", action="import")
    assert subs.count() == report.submissions and rates.count() == report.ratings > 0
    assert all(e.after["submitted_at"] in (None, moment.isoformat()) for e in subs)

    create_member(username="officer", role="agency", password="y" * 16, agency_code="a", actor="admin-cli")
    made = AuditEntry.objects.filter(actor="admin-cli")
    assert {e.object_type for e in made} == {"auth.user", "web.membership"}
    assert all("password" not in (e.after or {}) or e.after["password"] == "set" for e in made)

    agency = Agency.objects.get(code="a")
    article = Article.objects.create(
        raw_digest="d" * 64, source="t", locator="t", kind="text", published=moment - dt.timedelta(days=20)
    )
    mention = Mention.objects.create(article=article, agency=agency, tone="negative")
    audit_tone(mention=mention, tone="neutral", actor="auditor")
    assert AuditEntry.objects.filter(object_type="monitoring.mention", action="audit_tone").exists()

    run = evaluate(period=period, draws=20, actor="evaluator").run
    assert AuditEntry.objects.filter(object_type="evaluation.evaluationrun", object_id=str(run.pk)).exists()
