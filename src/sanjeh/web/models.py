"""Who may see what: each user has one role, and an agency officer belongs to exactly one agency."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from sanjeh.registry.models import Agency
from sanjeh.web.choices import Role


class Membership(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField("نقش", max_length=16, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, verbose_name="دستگاه", null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    phone = models.CharField("تلفن همراه", max_length=20, blank=True)  # for SMS notices (sanjeh.notices)

    class Meta:
        verbose_name = "عضویت"
        verbose_name_plural = "عضویت‌ها"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"

    def clean(self) -> None:
        if self.role == Role.AGENCY and self.agency_id is None:
            raise ValidationError({"agency": "کارشناس روابط عمومی باید به یک دستگاه وابسته باشد."})
        if self.role != Role.AGENCY and self.agency_id is not None:
            raise ValidationError({"agency": "فقط کارشناس روابط عمومی دستگاه به دستگاه وابسته می‌شود."})


class ToneSample(models.Model):
    """A mention drawn for the human tone audit of a period; the decision is kept as training data."""

    period = models.CharField("دوره", max_length=64, db_index=True)
    mention = models.ForeignKey("monitoring.Mention", on_delete=models.CASCADE, related_name="tone_samples")
    automatic_tone = models.CharField("لحن خودکار", max_length=16)
    human_tone = models.CharField("لحن انسانی", max_length=16, blank=True)
    auditor = models.CharField("ممیز", max_length=150, blank=True)
    decided = models.DateTimeField("زمان تصمیم", null=True, blank=True)

    class Meta:
        verbose_name = "نمونه ممیزی لحن"
        verbose_name_plural = "نمونه‌های ممیزی لحن"
        constraints = [models.UniqueConstraint(fields=("period", "mention"), name="tone_sample_once")]

    def __str__(self) -> str:
        return f"{self.period}: {self.mention_id}"
