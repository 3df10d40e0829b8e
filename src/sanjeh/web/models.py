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


class SavedSearch(models.Model):
    """A query a user keeps; with `alert`, new negative coverage of the agency it watches is e-mailed.

    The watched agency is the officer's own (an officer cannot watch another agency), otherwise `agency`.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField("نام", max_length=100)
    query = models.CharField("عبارت", max_length=200)
    agency = models.CharField("کد دستگاه", max_length=64, blank=True)
    alert = models.BooleanField("هشدار پوشش منفی", default=False)
    created = models.DateTimeField("ثبت", auto_now_add=True)

    class Meta:
        verbose_name = "جست‌وجوی ذخیره‌شده"
        verbose_name_plural = "جست‌وجوهای ذخیره‌شده"
        constraints = [models.UniqueConstraint(fields=("owner", "name"), name="saved_search_name_once")]

    def __str__(self) -> str:
        return self.name

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "query": self.query, "agency": self.agency, "alert": self.alert}


class SearchAlert(models.Model):
    """One article already e-mailed for one saved search: the alert job never sends it twice."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="alerts")
    article = models.ForeignKey("monitoring.Article", on_delete=models.CASCADE, related_name="+")
    sent = models.DateTimeField("ارسال", auto_now_add=True)

    class Meta:
        verbose_name = "هشدار ارسال‌شده"
        verbose_name_plural = "هشدارهای ارسال‌شده"
        constraints = [models.UniqueConstraint(fields=("saved_search", "article"), name="search_alert_once")]

    def __str__(self) -> str:
        return f"{self.saved_search_id}: {self.article_id}"
