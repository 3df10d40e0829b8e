"""Login throttling: after repeated failures an account (and the client address) is locked for a while.

Counters live in Django's cache (local memory by default, Redis in production via SANJEH_REDIS_URL), so
they are shared by every worker process that shares the cache.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from sanjeh.audit.services import record, snapshot
from sanjeh.registry.models import Agency
from sanjeh.web.choices import Role
from sanjeh.web.errors import WebError
from sanjeh.web.models import Membership

FAILURE_LIMIT = 5
LOCK_SECONDS = 15 * 60


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"sanjeh:login:{kind}:{digest}"


@dataclass(frozen=True)
class LoginThrottle:
    limit: int = FAILURE_LIMIT
    seconds: int = LOCK_SECONDS

    def is_locked(self, *, username: str, address: str) -> bool:
        return any(
            (cache.get(_key(kind, value)) or 0) >= self.limit
            for kind, value in (("user", username), ("addr", address))
        )

    def record_failure(self, *, username: str, address: str) -> None:
        for kind, value in (("user", username), ("addr", address)):
            key = _key(kind, value)
            cache.add(key, 0, self.seconds)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, self.seconds)

    def reset(self, *, username: str, address: str) -> None:
        cache.delete_many([_key("user", username), _key("addr", address)])


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
        user_before = None if created else _user_fields(user)
        user.set_password(password)
        user.is_staff = role == Role.EVALUATOR  # evaluators edit the registry in the admin
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
    return {"username": user.get_username(), "is_staff": user.is_staff, "is_active": user.is_active}
