"""The drafted press release of a season's results: generated, edited by the evaluator, then published."""

from __future__ import annotations

from django.db import models

from sanjeh.evaluation.models import EvaluationRun
from sanjeh.registry.fields import PlainCharField, PlainTextField


class PressRelease(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "پیش‌نویس"
        PUBLISHED = "published", "منتشرشده"

    run = models.OneToOneField(EvaluationRun, on_delete=models.PROTECT, related_name="press_release")
    title = PlainCharField("تیتر", max_length=300)
    body = PlainTextField("متن")
    status = models.CharField("وضعیت", max_length=16, choices=Status.choices, default=Status.DRAFT)
    edited_by = models.CharField("ویرایش‌گر", max_length=150, blank=True)
    updated = models.DateTimeField("به‌روزرسانی", auto_now=True)
    published = models.DateTimeField("انتشار", null=True, blank=True)

    class Meta:
        verbose_name = "خبر اعلام نتایج"
        verbose_name_plural = "خبرهای اعلام نتایج"

    def __str__(self) -> str:
        return self.title
