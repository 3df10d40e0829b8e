"""Accounts and login throttling.

Throttling: after `limit` failures an account is locked for `seconds`, from any address; an address
that fails `address_limit` times (on any accounts) is locked too, so one client cannot try a password
on every account. A success clears only that account's own counter: logging into one's own account
must not wipe the failures counted against another account or against the address. The counters live
in Django's cache — Redis with SANJEH_REDIS_URL, else the database cache table — so every worker
process sees the same counts. The address is the client's, also behind a reverse proxy
(`client_address`, SANJEH_TRUSTED_PROXIES).
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.cache import BaseCache, caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from sanjeh.audit.services import record, snapshot
from sanjeh.registry.models import Agency
from sanjeh.text.digits import to_latin_digits
from sanjeh.web.choices import Role
from sanjeh.web.errors import WebError
from sanjeh.web.models import Membership

FAILURE_LIMIT = 5
ADDRESS_FAILURE_LIMIT = 20  # an office behind one NAT address shares it: a few typos each are fine
LOCK_SECONDS = 15 * 60


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"sanjeh:login:{kind}:{digest}"


def client_address(remote_addr: str, forwarded_for: str, trusted_proxies: Iterable[str]) -> str:
    """The client's address: REMOTE_ADDR, unless that is a trusted proxy (SANJEH_TRUSTED_PROXIES).

    Then X-Forwarded-For is read from the right — each proxy appends the address it received from —
    skipping trusted proxies; the first other address is the client. Anything a client wrote itself is
    further left and never reached, so a forged header cannot pick the address that gets throttled.
    From an untrusted peer the header is ignored.
    """
    networks = [ipaddress.ip_network(n, strict=False) for n in trusted_proxies]

    def trusted(address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in networks)

    if not trusted(remote_addr):
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote_addr  # a malformed hop: fall back to the proxy itself
    return hops[0] if hops else remote_addr


@dataclass(frozen=True)
class LoginThrottle:
    limit: int = FAILURE_LIMIT
    seconds: int = LOCK_SECONDS
    address_limit: int = ADDRESS_FAILURE_LIMIT
    cache_alias: str = "default"

    @property
    def _cache(self) -> BaseCache:
        return caches[self.cache_alias]

    def _limits(self, username: str, address: str) -> tuple[tuple[str, int], ...]:
        return ((_key("user", username), self.limit), (_key("addr", address), self.address_limit))

    def is_locked(self, *, username: str, address: str) -> bool:
        limits = self._limits(username, address)
        counts = self._cache.get_many([key for key, _ in limits])
        return any((counts.get(key) or 0) >= limit for key, limit in limits)

    def record_failure(self, *, username: str, address: str) -> None:
        for key, _ in self._limits(username, address):
            self._cache.add(key, 0, self.seconds)
            try:
                self._cache.incr(key)
            except ValueError:  # expired between add and incr
                self._cache.set(key, 1, self.seconds)

    def reset(self, *, username: str) -> None:
        """After a successful login: that account's failures only (never the address's)."""
        self._cache.delete(_key("user", username))


def password_problems(password: str, user: Any = None) -> str | None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS), as one Persian line, or None."""
    with translation.override("fa"):
        try:
            validate_password(password, user)
        except ValidationError as exc:
            return " ".join(exc.messages)
    return None


def create_member(
    *, username: str, role: str, password: str, agency_code: str | None = None, actor: Any = None
) -> Any:
    """Create (or update) a user with one role; an agency officer is bound to `agency_code`. Audited: the
    user (its password only as "set", never the hash) and the membership, before and after."""
    if role not in Role.values:
        raise WebError(f"role {role!r} is not one of {', '.join(Role.values)}")
    agency = None
    if agency_code:
        agency = Agency.objects.filter(code=agency_code).first()
        if agency is None:
            raise WebError(f"agency {agency_code!r} is not in the registry")
    with transaction.atomic():
        user, created = get_user_model().objects.get_or_create(username=username)
        problems = password_problems(password, user)
        if problems:
            raise WebError(f"{username}: گذرواژه پذیرفته نشد (password refused): {problems}")
        user_before = None if created else _user_fields(user)
        user.set_password(password)
        user.is_staff = user.is_superuser  # the admin is the technician's; evaluators use the app's pages
        user.save()
        record(
            actor=actor,
            action="create" if created else "update",
            instance=user,
            before=user_before,
            after={**_user_fields(user), "password": "set"},
        )
        membership = Membership.objects.filter(user=user).first()
        before = snapshot(membership) if membership is not None else None
        membership = membership or Membership(user=user, role=role)
        membership.role, membership.agency = role, agency
        try:
            membership.full_clean(exclude=["user"])
        except ValidationError as exc:
            raise WebError(f"{username}: {' '.join(exc.messages)}") from None
        membership.save()
        record(
            actor=actor,
            action="update" if before else "create",
            instance=membership,
            before=before,
            after=snapshot(membership),
        )
    return user


def _user_fields(user: Any) -> dict[str, Any]:
    """What the audit log keeps of a user: never the password hash."""
    return {
        "username": user.get_username(),
        "name": user.get_full_name(),
        "email": user.email,
        "is_staff": user.is_staff,
        "is_active": user.is_active,
    }


def save_member(
    *,
    actor: Any,
    role: str,
    user: Any = None,
    username: str = "",
    agency: Agency | None = None,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    is_active: bool = True,
    password: str = "",
) -> Any:
    """Create a user (with `password`) or edit one: role, bound agency, contact details for notices,
    active or not. Audited like `create_member` (the user without its hash, the membership before/after).
    An officer must have an agency and nobody else may (`Membership.clean`)."""
    if role not in Role.values:
        raise WebError(f"نقش «{role}» نامعتبر است.")
    if user is not None and user == actor and (not is_active or role != Role.EVALUATOR):
        raise WebError("حساب خودتان را نمی‌توانید غیرفعال کنید یا نقش ارزیاب را از خود بگیرید.")
    model = get_user_model()
    with transaction.atomic():
        if user is None:
            if model.objects.filter(username=username).exists():
                raise WebError(f"نام کاربری «{username}» پیش‌تر ثبت شده است.")
            user = model(username=username)
            problems = password_problems(password, user)
            if problems:
                raise WebError(f"گذرواژه پذیرفته نشد: {problems}")
            user.set_password(password)
            user_before = None
        else:
            user_before = _user_fields(user)
        first, _, last = full_name.strip().partition(" ")
        user.first_name, user.last_name, user.email, user.is_active = first, last, email.strip(), is_active
        user.save()
        record(
            actor=actor, action="update" if user_before else "create", instance=user, before=user_before,
            after={**_user_fields(user), **({} if user_before else {"password": "set"})},
        )  # fmt: skip
        membership = Membership.objects.filter(user=user).first()
        before = snapshot(membership) if membership is not None else None
        membership = membership or Membership(user=user, role=role)
        membership.role, membership.agency, membership.phone = role, agency, to_latin_digits(phone.strip())
        try:
            membership.full_clean(exclude=["user"])
        except ValidationError as exc:
            raise WebError(" ".join(exc.messages)) from None
        membership.save()
        record(
            actor=actor, action="update" if before else "create", instance=membership, before=before,
            after=snapshot(membership),
        )  # fmt: skip
    return user


def reset_password(*, user: Any, password: str, actor: Any) -> None:
    """The evaluator sets a new password for a user who lost theirs (Django's validators; audited, never
    the hash); the user's sessions end with the old password's hash."""
    problems = password_problems(password, user)
    if problems:
        raise WebError(f"گذرواژه پذیرفته نشد: {problems}")
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor=actor, action="password", instance=user, after={"password": "changed"})
