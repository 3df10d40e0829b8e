"""Which notices are due, and sending them once each.

Events come from the workflow's own rows, so nothing has to remember to notify: an evidence deadline
within SANJEH_REMINDER_DAYS with indicators still unsent (to the agency's officers), a rater assignment
(to the rater), a publication (to officers and managers), a decided appeal (to the agency's officers);
status notices only about the last RECENT_DAYS, so switching notices on for an old archive sends no history.
Each (event, user, channel) is sent at most once — the `Notice` row is the log and the guard — and a
failed send is retried on the next run. E-mail goes through Django's mail framework (SANJEH_SMTP_URL),
short messages through `providers` (SANJEH_SMS_URL).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from sanjeh.evaluation.models import Appeal, Period, Publication, RaterAssignment, Submission
from sanjeh.evaluation.workflow_rules import state_of, submission_indicators
from sanjeh.notices.choices import Channel, NoticeKind, NoticeStatus
from sanjeh.notices.models import Notice
from sanjeh.notices.providers import DeliveryError, Provider, provider_from_settings
from sanjeh.scoring import PeriodState
from sanjeh.web.choices import Role
from sanjeh.web.models import Membership
from sanjeh.web.templatetags.sanjeh_fa import fa_digits, jalali

logger = logging.getLogger(__name__)
RECENT_DAYS = 14


@dataclass(frozen=True)
class Due:
    """One notice to one user, before it is sent."""

    kind: str
    event: str
    user_id: int
    subject: str
    body: str


@dataclass(frozen=True)
class SendReport:
    sent: int
    failed: int
    already: int

    def as_dict(self) -> dict[str, int]:
        return {"sent": self.sent, "failed": self.failed, "already": self.already}


def _officers(agency_ids: set[int] | None = None) -> Iterator[Membership]:
    members = Membership.objects.filter(role=Role.AGENCY, user__is_active=True).select_related("agency")
    if agency_ids is not None:
        members = members.filter(agency_id__in=agency_ids)
    yield from members


def evidence_due(today: dt.date) -> Iterator[Due]:
    """Officers of agencies with unsent indicators, when the evidence deadline is N days away or less."""
    days = settings.NOTICE_REMINDER_DAYS
    for period in Period.objects.filter(start__lte=today):
        if state_of(period, today) not in (PeriodState.OPEN, PeriodState.EVIDENCE_DUE):
            continue
        close = period.milestones()["evidence_close"]
        left = (close - today).days
        if not 0 <= left <= days:
            continue
        codes = {i.code for i in submission_indicators(period)}
        sent: dict[int, set[str]] = {}
        answered = Submission.objects.filter(Q(status="submitted") | Q(not_applicable=True), period=period)
        for agency_id, code in answered.values_list("agency_id", "indicator"):
            sent.setdefault(agency_id, set()).add(code)
        for member in _officers():
            missing = len(codes - sent.get(member.agency_id or 0, set()))
            if not missing or member.agency is None:
                continue
            when = "امروز" if left == 0 else f"{fa_digits(left)} روز دیگر"
            yield Due(
                NoticeKind.EVIDENCE_DUE,
                f"evidence_due:{period.name}:{member.agency.code}",
                member.user_id,
                f"یادآوری مهلت مستندات {period.label}",
                f"مهلت ارسال مستندات {member.agency.name} برای دوره {period.label} {when} "
                f"({jalali(close)}) به پایان می‌رسد؛ {fa_digits(missing)} شاخص هنوز ارسال نشده است.",
            )


def rating_assigned(today: dt.date) -> Iterator[Due]:
    """Assignments of periods whose rating has not closed yet (an old season's assignment is no news)."""
    for a in RaterAssignment.objects.select_related("period", "agency").filter(user__is_active=True):
        m = a.period.milestones()
        if m["rating_close"] < today:
            continue
        yield Due(
            NoticeKind.RATING_ASSIGNED,
            f"rating_assigned:{a.pk}",
            a.user_id,
            f"داوری {a.agency.name} — {a.period.label}",
            f"داوری {a.agency.name} در دوره {a.period.label} ({a.get_round_display()}) به شما سپرده شد؛ "
            f"داوری از {jalali(m['evidence_close'] + dt.timedelta(days=1))} تا {jalali(m['rating_close'])} "
            "در سامانه سنجه ممکن است.",
        )


def _since(today: dt.date) -> dt.datetime:
    """Status notices are about the last RECENT_DAYS: the first run on an old archive sends no history."""
    start = today - dt.timedelta(days=RECENT_DAYS)
    return dt.datetime.combine(start, dt.time.min, tzinfo=timezone.get_current_timezone())


def results_published(today: dt.date) -> Iterator[Due]:
    readers = list(
        Membership.objects.filter(role__in=(Role.AGENCY, Role.VIEWER), user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    for pub in Publication.objects.select_related("period").filter(published__gte=_since(today)):
        for user_id in readers:
            yield Due(
                NoticeKind.RESULTS_PUBLISHED,
                f"results_published:{pub.pk}",
                user_id,
                f"{pub.get_stage_display()} {pub.period.label}",
                f"{pub.get_stage_display()} ارزیابی دوره {pub.period.label} در {jalali(pub.published)} "
                "منتشر شد و در سامانه سنجه در دسترس است.",
            )


def appeal_decided(today: dt.date) -> Iterator[Due]:
    decided = Appeal.objects.filter(decided__gte=_since(today))
    for appeal in decided.select_related("period", "agency", "run__framework"):
        names = {i.code: i.name_fa for i in appeal.run.framework.framework().indicators}
        indicator = f"«{names.get(appeal.indicator, appeal.indicator)}»"  # people read names, not codes
        for member in _officers({appeal.agency_id}):
            yield Due(
                NoticeKind.APPEAL_DECIDED,
                f"appeal_decided:{appeal.pk}",
                member.user_id,
                f"نتیجه اعتراض به شاخص {indicator} — {appeal.period.label}",
                f"اعتراض {appeal.agency.name} به شاخص {indicator} در دوره {appeal.period.label} "
                f"«{appeal.get_status_display()}». {appeal.decision}".strip(),
            )


def due_notices(today: dt.date | None = None) -> Iterator[Due]:
    day = today or timezone.localdate()
    yield from evidence_due(day)
    yield from rating_assigned(day)
    yield from results_published(day)
    yield from appeal_decided(day)


def _contacts() -> dict[int, tuple[str, str]]:
    """Every active user's e-mail and mobile number, read once per run."""
    emails = dict(get_user_model().objects.filter(is_active=True).values_list("pk", "email"))
    phones = dict(Membership.objects.filter(user_id__in=emails).values_list("user_id", "phone"))
    return {pk: (email or "", phones.get(pk) or "") for pk, email in emails.items()}


def _addresses(contact: tuple[str, str], provider: Provider | None) -> list[tuple[str, str]]:
    """(channel, address) pairs a user can be reached on, given the channels configured."""
    email, phone = contact
    found = []
    if settings.NOTICE_EMAIL and email:
        found.append((Channel.EMAIL, email))
    if provider is not None and phone:
        found.append((Channel.SMS, phone))
    return found


def _deliver(channel: str, address: str, due: Due, provider: Provider | None) -> None:
    if channel == Channel.EMAIL:
        send_mail(due.subject, due.body, settings.DEFAULT_FROM_EMAIL, [address])
    elif provider is not None:
        provider.send(to=address, text=f"{due.subject}: {due.body}")


def send_due_notices(*, today: dt.date | None = None, provider: Provider | None = None) -> SendReport:
    """Send every due notice not yet sent (failed ones again); safe to run any number of times."""
    provider = provider or provider_from_settings()
    contacts = _contacts()
    done = set(Notice.objects.filter(status=NoticeStatus.SENT).values_list("event", "user_id", "channel"))
    sent = failed = already = 0
    for due in due_notices(today):
        for channel, address in _addresses(contacts.get(due.user_id, ("", "")), provider):
            if (due.event, due.user_id, channel) in done:
                already += 1
                continue
            notice = Notice.objects.filter(event=due.event, user_id=due.user_id, channel=channel).first()
            if notice is not None and notice.status == NoticeStatus.SENT:  # sent by a run running alongside
                already += 1
                continue
            if notice is None:
                try:
                    with transaction.atomic():
                        notice = Notice.objects.create(
                            kind=due.kind, event=due.event, user_id=due.user_id, channel=channel,
                            address=address, subject=due.subject, body=due.body,
                            status=NoticeStatus.FAILED, error="در حال ارسال", attempts=0,
                        )  # fmt: skip
                except IntegrityError:  # another run took this notice a moment ago
                    already += 1
                    continue
            notice.attempts += 1
            notice.address = address
            try:
                _deliver(channel, address, due, provider)
            except (DeliveryError, OSError) as exc:
                logger.warning("notice %s to %s failed: %s", due.event, address, exc)
                notice.status, notice.error = NoticeStatus.FAILED, str(exc)[:500]
                failed += 1
            else:
                notice.status, notice.error, notice.sent = NoticeStatus.SENT, "", timezone.now()
                sent += 1
            notice.save()
    return SendReport(sent, failed, already)
