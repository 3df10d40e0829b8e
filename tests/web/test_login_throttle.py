"""Authentication that holds: one throttle for /login/ and /admin/login/, the real client address behind
trusted proxies only, no reset of other accounts' failures, counts shared across processes through the
database cache, and password validators with Persian messages."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import Client, override_settings
from typer.testing import CliRunner

from sanjeh.cli.main import app
from sanjeh.web import views
from sanjeh.web.errors import WebError
from sanjeh.web.services import FAILURE_LIMIT, LoginThrottle, client_address, create_member

# The counters live in the database cache, inside each test's transaction: every test starts with none.
pytestmark = pytest.mark.django_db
PASSWORD = "a long passphrase for tests"
PROXY = "10.0.0.2"


@pytest.fixture
def accounts() -> dict[str, User]:
    boss = User.objects.create_superuser("boss", password=PASSWORD)
    return {
        "boss": boss,
        "victim": User.objects.create_user("victim", password=PASSWORD),
        "attacker": User.objects.create_user("attacker", password=PASSWORD),
    }


def post(url: str, username: str, password: str, **extra: str) -> int:
    return Client().post(url, {"username": username, "password": password}, **extra).status_code


def test_admin_login_locks_after_the_same_number_of_failures_as_login(accounts) -> None:
    for _ in range(FAILURE_LIMIT):
        assert post("/admin/login/", "boss", "wrong") == 401
    assert post("/admin/login/", "boss", PASSWORD) == 429  # locked, even with the right password
    assert post("/login/", "boss", PASSWORD) == 429  # one throttle for both forms
    # and the counts add up across the two forms
    for url in ["/login/", "/admin/login/"] * (FAILURE_LIMIT // 2) + ["/login/"] * (FAILURE_LIMIT % 2):
        assert post(url, "victim", "wrong") == 401
    assert post("/admin/login/", "victim", PASSWORD) == 429


def test_admin_sign_in_goes_through_the_apps_login(accounts) -> None:
    client = Client()
    assert client.get("/admin/").url.startswith("/admin/login/")
    response = client.post("/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_client_address_reads_forwarded_for_only_from_trusted_proxies() -> None:
    trusted = ("10.0.0.0/24", "::1/128")
    assert client_address("198.51.100.7", "203.0.113.5", trusted) == "198.51.100.7"  # not a proxy
    assert client_address(PROXY, "203.0.113.5", trusted) == "203.0.113.5"
    # a client-written hop is further left than the address its proxy appended
    assert client_address(PROXY, "1.2.3.4, 203.0.113.5", trusted) == "203.0.113.5"
    assert client_address(PROXY, "203.0.113.5, 10.0.0.9", trusted) == "203.0.113.5"  # two proxies
    assert client_address("::1", "2001:db8::5", trusted) == "2001:db8::5"
    assert client_address(PROXY, "", trusted) == PROXY
    assert client_address(PROXY, "not-an-ip", trusted) == PROXY
    assert client_address(PROXY, "203.0.113.5", ()) == PROXY  # no setting: nobody is trusted


def test_forwarded_for_is_honoured_only_from_trusted_proxies(accounts, monkeypatch) -> None:
    monkeypatch.setattr(views, "throttle", LoginThrottle(limit=100, address_limit=3))
    trusting = dataclasses.replace(settings.CONFIG, trusted_proxies=("10.0.0.0/24",))
    with override_settings(CONFIG=trusting):
        for name in ("a", "b", "c"):  # three accounts, one client behind the proxy
            assert post("/login/", name, "x", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5") == 401
        assert (
            post("/login/", "victim", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5") == 429
        )
        # another client behind the same proxy is not locked out with it
        assert (
            post("/login/", "victim", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.6") == 302
        )
        # a client that is not a proxy cannot choose its address by writing the header
        for name in ("a", "b", "c"):
            assert (
                post("/login/", name, "x", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"1.1.1.{name}")
                == 401
            )
        assert (
            post("/login/", "victim", PASSWORD, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="9.9.9.9")
            == 429
        )
    # without SANJEH_TRUSTED_PROXIES the proxy's own address is what counts
    for name in ("a", "b", "c"):
        assert (
            post("/login/", name, "x", REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR=f"7.7.7.{ord(name)}")
            == 401
        )
    assert post("/login/", "victim", PASSWORD, REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="8.8.8.8") == 429


def test_one_accounts_success_does_not_reset_anothers_failures(accounts, monkeypatch) -> None:
    monkeypatch.setattr(views, "throttle", LoginThrottle(limit=3, address_limit=5))
    address = {"REMOTE_ADDR": "198.51.100.7"}
    for _ in range(2):
        assert post("/login/", "victim", "wrong", **address) == 401
    assert post("/login/", "attacker", PASSWORD, **address) == 302  # the attacker's own account
    assert post("/login/", "victim", "wrong", **address) == 401  # third failure: the victim is locked
    assert post("/login/", "victim", PASSWORD, REMOTE_ADDR="192.0.2.1") == 429
    # the address keeps its count too: two more failures make five from it, whatever the success
    assert post("/login/", "someone", "wrong", **address) == 401
    assert post("/login/", "attacker", PASSWORD, **address) == 302
    assert post("/login/", "someone", "wrong", **address) == 401
    assert post("/login/", "attacker", PASSWORD, **address) == 429
    # a success clears the own account's failures
    assert post("/login/", "boss", "wrong", REMOTE_ADDR="192.0.2.9") == 401
    assert post("/login/", "boss", PASSWORD, REMOTE_ADDR="192.0.2.9") == 302
    assert views.throttle._cache.get(views.throttle._limits("boss", "")[0][0]) is None


def test_throttle_counts_through_the_database_cache_on_two_connections() -> None:
    """Two cache connections on the database (as two worker processes have): one sees the other's
    counts. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""
    if settings.CONFIG.redis_url:
        pytest.skip("SANJEH_REDIS_URL is set: the cache is Redis (tests/web/test_throttle_redis.py)")
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    prefix = uuid.uuid4().hex
    table = "sanjeh_cache"  # made by createcachetable in the test database, as by `sanjeh init`
    both = {
        alias: {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": table,
            "KEY_PREFIX": prefix,
        }
        for alias in ("default", "second")
    }
    with override_settings(CACHES=both):
        first, second = LoginThrottle(limit=3), LoginThrottle(limit=3, cache_alias="second")
        assert caches["default"] is not caches["second"]
        first.record_failure(username="ali", address="192.0.2.1")
        second.record_failure(username="ali", address="192.0.2.2")
        assert not first.is_locked(username="ali", address="192.0.2.3")
        first.record_failure(username="ali", address="192.0.2.1")
        assert second.is_locked(username="ali", address="192.0.2.3")


_PROCESS = textwrap.dedent(
    """
    import os, sys
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanjeh.project.settings"
    import django
    django.setup()
    from django.core.management import call_command
    from sanjeh.web.services import LoginThrottle
    call_command("createcachetable", verbosity=0)
    throttle = LoginThrottle(limit=4)
    if sys.argv[1] == "fail":
        for _ in range(2):
            throttle.record_failure(username="ali", address=sys.argv[2])
    print("locked" if throttle.is_locked(username="ali", address="192.0.2.99") else "open")
    """
)


@pytest.mark.slow
def test_throttle_is_shared_by_two_processes_without_redis(tmp_path: Path) -> None:
    env = {**os.environ, "SANJEH_HOME": str(tmp_path), "PYTHONPATH": os.pathsep.join(sys.path)}
    for name in ("DATABASE_URL", "SANJEH_DATABASE_URL", "SANJEH_REDIS_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)

    def process(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", _PROCESS, *args], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    assert process("fail", "192.0.2.1") == "open"  # two failures in one process
    assert process("fail", "192.0.2.2") == "locked"  # two more in another: four, the account is locked
    assert process("check") == "locked"  # and a third process sees it


# --- passwords -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["", "a", "12345678901234", "password12", "victim-victim"])
def test_weak_passwords_are_refused_with_one_persian_line(password: str) -> None:
    with pytest.raises(WebError) as refused:
        create_member(username="victim-victim", role="viewer", password=password)
    message = str(refused.value)
    reason = message.split("):", 1)[1]
    assert "\n" not in message and "گذرواژه پذیرفته نشد" in message
    assert "password" not in reason.lower() and any("\u0600" <= ch <= "\u06ff" for ch in reason)  # Persian
    assert not User.objects.filter(username="victim-victim", password__startswith="argon2").exists()


def test_cli_and_admin_refuse_weak_passwords(accounts) -> None:
    result = CliRunner().invoke(
        app, ["user", "add", "ali", "--role", "viewer", "--password-stdin"], input="a\n"
    )
    assert result.exit_code == 1 and "sanjeh: error:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "گذرواژه" in result.stderr
    ok = CliRunner().invoke(
        app, ["user", "add", "ali", "--role", "viewer", "--password-stdin"], input=PASSWORD
    )
    assert ok.exit_code == 0, ok.output

    admin = Client()
    admin.force_login(accounts["boss"])
    form = {"username": "weak", "usable_password": "true", "password1": "a", "password2": "a"}
    response = admin.post("/admin/auth/user/add/", form)
    assert response.status_code == 200 and "کوتاه" in response.content.decode()
    assert not User.objects.filter(username="weak").exists()
