"""Fixed choices of monitoring, with Persian labels."""

from django.db import models


class Genre(models.TextChoices):
    NEWS = "news", "خبر"
    REPORT = "report", "گزارش"
    INTERVIEW = "interview", "گفت‌وگو"
    NOTE = "note", "یادداشت"
    ARTICLE = "article", "مقاله"


class Tone(models.TextChoices):
    POSITIVE = "positive", "مثبت"
    NEUTRAL = "neutral", "خنثی"
    NEGATIVE = "negative", "منفی"


class Prominence(models.IntegerChoices):
    """IPR interim standard: 3 in the title, 2 in the lead, 1 in the body."""

    BODY = 1, "متن"
    LEAD = 2, "لید"
    TITLE = 3, "تیتر"


class ItemKind(models.TextChoices):
    TEXT = "text", "متن"
    HTML = "html", "HTML"
