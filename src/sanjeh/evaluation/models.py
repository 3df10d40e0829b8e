"""Evaluation periods, submissions, ratings, pinned framework versions and immutable evaluation runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sanjeh.evaluation.choices import Method, NotApplicableReview, RatingRound, SubmissionStatus
from sanjeh.evaluation.errors import EvaluationError
from sanjeh.registry.fields import PlainCharField, PlainTextField
from sanjeh.registry.models import Agency
from sanjeh.scoring import Framework, PeriodState, ScoringError, Timeline, parse_framework, parse_period
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
        # libyaml's loader when built in: the pure-Python one costs ~60 ms per scorecard on this YAML.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return parse_framework(yaml.load(self.yaml, Loader=loader), source=f"{self.code} {self.version}")


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

    @property
    def label(self) -> str:
        """The name people read (بهار ۱۴۰۳); the stored name (1403-spring) stays in URLs and files."""
        try:
            return self.spec().name_fa
        except ScoringError:
            return self.name

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
    na_review = models.CharField(
        "بررسی «موضوعیت ندارد»",
        max_length=16,
        choices=NotApplicableReview.choices,
        default=NotApplicableReview.NONE,
        blank=True,
    )
    status = models.CharField(
        "وضعیت", max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_at = models.DateTimeField("زمان ارسال", null=True, blank=True)
    late = models.BooleanField("با تأخیر", default=False)
    evidence_note = PlainTextField("توضیح مستندات", blank=True)
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
    comment = PlainTextField("توضیح", blank=True)
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
    reader_version = models.CharField("نسخه خواننده اخبار", max_length=32, blank=True)
    evidence = models.JSONField("شواهد در زمان اجرا", default=dict, blank=True)
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


# --- web workflow: rater assignments, evidence files, appeals, publications ----------------------------


class RaterAssignment(models.Model):
    """A rater scores the rubric indicators of one agency in one period, in one round (1, 2 or 3).

    Rounds 1 and 2 are the two independent raters; round 3 is the adjudicator, needed only where the
    first two differ by ≥ 2 (docs/evaluation.md). The evaluator manages assignments in the admin.
    """

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="rater_assignments")
    agency = models.ForeignKey(Agency, verbose_name="دستگاه", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="داور", on_delete=models.CASCADE, related_name="+"
    )
    round = models.PositiveSmallIntegerField("نوبت", choices=RatingRound.choices)

    class Meta:
        ordering = ("period", "agency__code", "round")
        verbose_name = "تخصیص داور"
        verbose_name_plural = "تخصیص داوران"
        constraints = [
            models.UniqueConstraint(fields=("period", "agency", "round"), name="one_rater_per_round"),
            models.UniqueConstraint(fields=("period", "agency", "user"), name="one_round_per_rater"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.agency} {self.period} ({self.get_round_display()})"


def _evidence_path(instance: EvidenceFile, filename: str) -> str:
    # A random stored name: the uploader's file name never reaches the file system.
    return f"evidence/{instance.agency_id}/{instance.token}{instance.extension}"


class EvidenceFile(models.Model):
    """An uploaded evidence document of a submission or an appeal, stored under SANJEH_HOME/uploads/.

    Served only by a permission-checked view; the type comes from the file's magic bytes.
    """

    agency = models.ForeignKey(Agency, verbose_name="دستگاه", on_delete=models.CASCADE, related_name="+")
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    appeal = models.ForeignKey(
        "Appeal", null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    token = models.CharField("شناسه ذخیره", max_length=32, unique=True)
    extension = models.CharField("پسوند", max_length=8)
    file = models.FileField("پرونده", upload_to=_evidence_path, max_length=300)
    name = PlainCharField("نام پرونده", max_length=200)
    content_type = models.CharField("نوع", max_length=100)
    size = models.PositiveIntegerField("اندازه (بایت)")
    sha256 = models.CharField("چکیده", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded = models.DateTimeField("بارگذاری", auto_now_add=True)

    class Meta:
        ordering = ("uploaded", "id")
        verbose_name = "پرونده مستندات"
        verbose_name_plural = "پرونده‌های مستندات"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(submission__isnull=False) | models.Q(appeal__isnull=False),
                name="evidence_file_has_owner",
            )
        ]

    def __str__(self) -> str:
        return self.name


class AppealStatus(models.TextChoices):
    PENDING = "pending", "در انتظار رسیدگی"
    ACCEPTED = "accepted", "پذیرفته شد"
    REJECTED = "rejected", "رد شد"


class Appeal(models.Model):
    """An agency's objection to one indicator value of a published run, filed in the appeal window."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="appeals")
    run = models.ForeignKey(EvaluationRun, on_delete=models.PROTECT, related_name="appeals")
    agency = models.ForeignKey(Agency, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField("شاخص", max_length=16)
    reason = PlainTextField("دلیل اعتراض")
    status = models.CharField(
        "وضعیت", max_length=16, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed = models.DateTimeField("ثبت", auto_now_add=True)
    decision = PlainTextField("دلیل تصمیم", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided = models.DateTimeField("زمان تصمیم", null=True, blank=True)
    new_run = models.ForeignKey(
        EvaluationRun, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-filed", "-id")
        verbose_name = "اعتراض"
        verbose_name_plural = "اعتراض‌ها"

    def __str__(self) -> str:
        return f"{self.agency} {self.indicator} {self.period} ({self.get_status_display()})"


class PublicationStage(models.TextChoices):
    PROVISIONAL = "provisional", "نتایج موقت"
    FINAL = "final", "نتایج نهایی"


class Publication(models.Model):
    """The evaluator made a run's results visible to agencies and viewers (provisional or final)."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="publications")
    run = models.ForeignKey(EvaluationRun, on_delete=models.PROTECT, related_name="publications")
    stage = models.CharField("مرحله", max_length=16, choices=PublicationStage.choices)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published = models.DateTimeField("انتشار", auto_now_add=True)

    class Meta:
        ordering = ("-published", "-id")
        verbose_name = "انتشار نتایج"
        verbose_name_plural = "انتشار نتایج"

    def __str__(self) -> str:
        return f"{self.period} #{self.run_id} {self.get_stage_display()}"


__all__ = [
    "Appeal",
    "AppealStatus",
    "EvaluationRun",
    "EvidenceFile",
    "FrameworkVersion",
    "Method",
    "Period",
    "Publication",
    "PublicationStage",
    "RaterAssignment",
    "Rating",
    "Submission",
]
