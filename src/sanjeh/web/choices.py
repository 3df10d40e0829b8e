"""Roles of the people who use sanjeh."""

from django.db import models


class Role(models.TextChoices):
    EVALUATOR = "evaluator", "ارزیاب (روابط عمومی استانداری)"
    RATER = "rater", "داور"
    AGENCY = "agency", "کارشناس روابط عمومی دستگاه"
    VIEWER = "viewer", "مدیر (فقط مشاهده)"
