"""Fixed choices of the evaluation app, with Persian labels."""

from django.db import models


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "پیش‌نویس"
    SUBMITTED = "submitted", "ارسال‌شده"


class Method(models.TextChoices):
    SAW = "saw", "جمع وزنی"
    TOPSIS = "topsis", "تاپسیس"


class RatingRound(models.IntegerChoices):
    FIRST = 1, "داور اول"
    SECOND = 2, "داور دوم"
    THIRD = 3, "داور سوم"


class NotApplicableReview(models.TextChoices):
    """The evaluator's review of an agency's «موضوعیت ندارد» claim: only an approved claim moves weights."""

    NONE = "", "بدون ادعا"
    PENDING = "pending", "در انتظار تأیید ارزیاب"
    APPROVED = "approved", "تأییدشده"
    REJECTED = "rejected", "ردشده"
