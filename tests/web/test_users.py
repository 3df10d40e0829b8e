import json

import pytest
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.registry.models import Agency, PeerGroup
from sanjeh.web.errors import WebError
from sanjeh.web.models import Membership
from sanjeh.web.services import create_member

pytestmark = pytest.mark.django_db


def test_create_member_binds_officers_to_one_agency() -> None:
    group = PeerGroup.objects.first()
    Agency.objects.create(code="welfare", name="بهزیستی", peer_group=group)
    user = create_member(username="pr", role="agency", password="x" * 12, agency_code="welfare")
    assert Membership.objects.get(user=user).agency.code == "welfare"
    with pytest.raises(WebError, match="باید به یک دستگاه"):
        create_member(username="pr2", role="agency", password="x" * 12)
    with pytest.raises(WebError, match="role 'boss'"):
        create_member(username="pr3", role="boss", password="x" * 12)
    with pytest.raises(WebError, match="'nowhere' is not in the registry"):
        create_member(username="pr4", role="agency", password="x" * 12, agency_code="nowhere")


def test_cli_user_add_generates_a_password() -> None:
    result = CliRunner().invoke(app, ["user", "add", "ali", "--role", "viewer", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["username"] == "ali" and len(data["password"]) >= 12
    bad = CliRunner().invoke(app, ["user", "add", "x", "--role", "boss"])
    assert bad.exit_code == 1 and "sanjeh: error:" in bad.stderr
