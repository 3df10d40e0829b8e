"""The notice log: one row per event, recipient and channel, so a re-run never sends the same notice twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sanjeh.notices.choices import Channel, NoticeKind, NoticeStatus


class Notice(models.Model):
    """A reminder or status notice sent (or tried) to one user on one channel.

    `event` names what happened (`rating_assigned:12`, `evidence_due:1403-spring:telecom`); with the user
    and the channel it is unique, which is what makes sending idempotent. A failed send keeps its row and
    its error and is tried again on the next run.
    """

    kind = models.CharField("نوع", max_length=32, choices=NoticeKind.choices)
    event = models.CharField("رویداد", max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="گیرنده", on_delete=models.CASCADE, related_name="notices"
    )
    channel = models.CharField("مسیر", max_length=16, choices=Channel.choices)
    address = models.CharField("نشانی", max_length=254)
    subject = models.CharField("عنوان", max_length=300)
    body = models.TextField("متن")
    status = models.CharField("وضعیت", max_length=16, choices=NoticeStatus.choices)
    error = models.CharField("خطا", max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField("تلاش‌ها", default=1)
    created = models.DateTimeField("ثبت", auto_now_add=True)
    sent = models.DateTimeField("زمان ارسال", null=True, blank=True)

    class Meta:
        ordering = ("-created", "-id")
        verbose_name = "اعلان"
        verbose_name_plural = "اعلان‌ها"
        constraints = [
            models.UniqueConstraint(fields=("event", "user", "channel"), name="notice_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.user} ({self.get_channel_display()})"
