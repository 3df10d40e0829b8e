import pytest
from django.contrib.auth.models import User
from django.test import Client

from sanjeh.audit.models import AuditEntry
from sanjeh.registry.models import Outlet

pytestmark = pytest.mark.django_db


def test_admin_edits_of_the_registry_are_audited() -> None:
    admin = User.objects.create_superuser("boss", password="x" * 16)
    client = Client()
    client.force_login(admin)
    response = client.post(
        "/admin/registry/outlet/add/",
        {
            "name": "ایرنا",
            "aliases": "[]",
            "domains": '["irna.ir"]',
            "kind": "national_agency",
            "tier_weight": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    outlet = Outlet.objects.get(name="ایرنا")
    client.post(
        f"/admin/registry/outlet/{outlet.pk}/change/",
        {
            "name": "ایرنا",
            "aliases": "[]",
            "domains": '["irna.ir"]',
            "kind": "national_agency",
            "tier_weight": "2.5",
        },
    )
    client.post(f"/admin/registry/outlet/{outlet.pk}/delete/", {"post": "yes"})
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "actor"))
    assert actions == [("create", "boss"), ("update", "boss"), ("delete", "boss")]
    update = AuditEntry.objects.get(action="update")
    assert update.before["tier_weight"] == 3.0 and update.after["tier_weight"] == 2.5
    assert client.get("/admin/audit/auditentry/").status_code == 200
