"""Evaluation periods, submissions, ratings, pinned framework versions and immutable evaluation runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sanjeh.evaluation.choices import Method, RatingRound, SubmissionStatus
from sanjeh.evaluation.errors import EvaluationError
from sanjeh.registry.models import Agency
from sanjeh.scoring import Framework, PeriodState, Timeline, parse_framework, parse_period
from sanjeh.scoring import Period as PeriodSpec


class FrameworkVersion(models.Model):
    """One framework exactly as it was used: its YAML text and the fingerprint of its parsed content."""

    code = models.CharField("کد", max_length=64)
    version = models.CharField("نسخه", max_length=32)
    name = models.CharField("نام", max_length=300)
    yaml = models.TextField("متن YAML")
    fingerprint = models.CharField("اثر انگشت", max_length=64, unique=True)
    created = models.DateTimeField("ثبت", auto_now_add=True)

    class Meta:
        ordering = ("-created",)
        verbose_name = "نسخه چارچوب"
        verbose_name_plural = "نسخه‌های چارچوب"

    def __str__(self) -> str:
        return f"{self.code} {self.version}"

    def framework(self) -> Framework:
        return parse_framework(yaml.safe_load(self.yaml), source=f"{self.code} {self.version}")


class Period(models.Model):
    """An evaluation period (a Jalali season by default) with its timeline and key messages."""

    name = models.CharField("نام", max_length=64, unique=True)
    kind = models.CharField("نوع", max_length=16)
    start = models.DateField("آغاز")
    end = models.DateField("پایان")
    timeline = models.JSONField("زمان‌بندی (روز پس از پایان)", default=dict, blank=True)
    key_messages = models.JSONField("پیام‌های کلیدی", default=list, blank=True)
    framework = models.ForeignKey(
        FrameworkVersion, verbose_name="چارچوب", null=True, blank=True, on_delete=models.PROTECT
    )
    created = models.DateTimeField("ثبت", auto_now_add=True)

    class Meta:
        ordering = ("start", "name")
        verbose_name = "دوره ارزیابی"
        verbose_name_plural = "دوره‌های ارزیابی"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.end < self.start:
            raise ValidationError({"end": "پایان دوره نباید پیش از آغاز آن باشد."})
        if not isinstance(self.key_messages, list) or not all(isinstance(m, str) for m in self.key_messages):
            raise ValidationError({"key_messages": "فهرستی از پیام‌ها (رشته) لازم است."})

    def spec(self) -> PeriodSpec:
        """The scoring core's view of this period (Jalali names, timeline arithmetic)."""
        return parse_period(self.name, timeline=Timeline(**self.timeline) if self.timeline else None)

    def state_on(self, day: dt.date) -> PeriodState:
        return self.spec().state_on(day)

    def milestones(self) -> dict[str, dt.date]:
        return self.spec().timeline.milestones(self.end)


class Submission(models.Model):
    """What an agency reports for one indicator, with its evidence; `values` holds the formula's raw keys."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="submissions")
    agency = models.ForeignKey(Agency, verbose_name="دستگاه", on_delete=models.CASCADE)
    indicator = models.CharField("شاخص", max_length=16)
    values = models.JSONField("مقادیر", default=dict, blank=True)
    not_applicable = models.BooleanField("موضوعیت ندارد", default=False)
    status = models.CharField(
        "وضعیت", max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_at = models.DateTimeField("زمان ارسال", null=True, blank=True)
    late = models.BooleanField("با تأخیر", default=False)
    evidence_note = models.TextField("توضیح مستندات", blank=True)
    evidence_links = models.JSONField("پیوند مستندات", default=list, blank=True)
    updated = models.DateTimeField("به‌روزرسانی", auto_now=True)

    class Meta:
        ordering = ("period", "agency__code", "indicator")
        verbose_name = "اظهار دستگاه"
        verbose_name_plural = "اظهارهای دستگاه‌ها"
        constraints = [
            models.UniqueConstraint(fields=("period", "agency", "indicator"), name="submission_once")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.indicator} {self.period}"

    def clean(self) -> None:
        if self.status == SubmissionStatus.SUBMITTED and self.submitted_at is None:
            raise ValidationError({"submitted_at": "زمان ارسال برای اظهار ارسال‌شده لازم است."})
        if not isinstance(self.values, dict):
            raise ValidationError({"values": "مقادیر باید نگاشت نام → عدد باشد."})


class Rating(models.Model):
    """One rater's rubric score (1–5) of an agency's indicator, or of one sampled item for O2."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="ratings")
    agency = models.ForeignKey(Agency, verbose_name="دستگاه", on_delete=models.CASCADE)
    indicator = models.CharField("شاخص", max_length=16)
    item = models.CharField("مورد", max_length=500, blank=True)
    round = models.PositiveSmallIntegerField("نوبت", choices=RatingRound.choices)
    rater = models.CharField("داور", max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="کاربر", null=True, blank=True, on_delete=models.SET_NULL
    )
    value = models.PositiveSmallIntegerField(
        "امتیاز", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField("توضیح", blank=True)
    created = models.DateTimeField("ثبت", auto_now_add=True)

    class Meta:
        ordering = ("period", "agency__code", "indicator", "item", "round")
        verbose_name = "داوری"
        verbose_name_plural = "داوری‌ها"
        constraints = [
            models.UniqueConstraint(
                fields=("period", "agency", "indicator", "item", "round"), name="rating_once_per_round"
            ),
            models.CheckConstraint(condition=models.Q(value__gte=1, value__lte=5), name="rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.rater}: {self.agency} {self.indicator} = {self.value}"


class EvaluationRun(models.Model):
    """An immutable snapshot: every input and its evidence, the framework, the method and the results.

    `inputs` alone (with the pinned framework YAML, method, seed and draws) reproduces `results` bit for
    bit (`services.reproduce`); a changed input makes a new run whose `diff` compares it with `previous`.
    """

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="runs")
    framework = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="runs")
    framework_fingerprint = models.CharField("اثر انگشت چارچوب", max_length=64)
    framework_yaml = models.TextField("متن چارچوب")
    method = models.CharField("روش", max_length=16, choices=Method.choices)
    seed = models.PositiveIntegerField("بذر")
    draws = models.PositiveIntegerField("شمار نمونه‌ها")
    inputs = models.JSONField("ورودی‌ها")
    inputs_digest = models.CharField("چکیده ورودی‌ها", max_length=64, db_index=True)
    results = models.JSONField("نتایج")
    diff = models.JSONField("تفاوت با اجرای قبلی", default=dict, blank=True)
    previous = models.ForeignKey(
        "self", verbose_name="اجرای قبلی", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField("ثبت", auto_now_add=True)

    class Meta:
        ordering = ("-created", "-id")
        verbose_name = "اجرای ارزیابی"
        verbose_name_plural = "اجراهای ارزیابی"

    def __str__(self) -> str:
        return f"#{self.pk} {self.period} {self.method}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and EvaluationRun.objects.filter(pk=self.pk).exists():
            raise EvaluationError(f"evaluation run #{self.pk} is immutable; evaluate again to make a new run")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise EvaluationError(f"evaluation run #{self.pk} is immutable and cannot be deleted")


__all__ = ["EvaluationRun", "FrameworkVersion", "Method", "Period", "Rating", "Submission"]
