"""Per-role and per-agency access, checked in every view (an officer never sees another agency's data)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from sanjeh.registry.models import Agency
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership

View = Callable[..., HttpResponse]


def membership_of(user: Any) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Membership(user=user, role=Role.EVALUATOR)
    return Membership.objects.select_related("agency").filter(user=user).first()


def require_role(*roles: str) -> Callable[[View], View]:
    """Login required, and the user's role must be one of `roles` (403 otherwise)."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = membership_of(request.user)
            if membership is None or membership.role not in roles:
                raise PermissionDenied("این بخش برای نقش شما در دسترس نیست.")
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


ANY_ROLE = tuple(Role.values)


def visible_agencies(membership: Membership) -> QuerySet[Agency]:
    """Evaluators and viewers see every agency; an agency officer only their own."""
    agencies = Agency.objects.select_related("peer_group")
    if membership.role == Role.AGENCY:
        return agencies.filter(pk=membership.agency_id)
    return agencies


def agency_or_404(membership: Membership, code: str) -> Agency:
    """The agency if this user may see it; 404 (not 403) so codes can't be probed by URL guessing."""
    agency = visible_agencies(membership).filter(code=code).first()
    if agency is None:
        raise Http404("دستگاه پیدا نشد.")
    return agency
