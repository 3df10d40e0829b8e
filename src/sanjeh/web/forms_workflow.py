"""Forms of the period workflow (evidence, sheet upload, rating, appeal, decision, publication).

Only shape checks live here; deadlines, permissions and value rules are the services' (`evaluation.workflow`).
"""

from __future__ import annotations

from django import forms
from django.utils.safestring import mark_safe

from sanjeh.evaluation.models import PublicationStage
from sanjeh.evaluation.sheets import value_fields
from sanjeh.scoring import Indicator
from sanjeh.web.templatetags.sanjeh_fa import fa_digits

_FIELD_LABELS = {
    "value|numerator": "مقدار (یا صورت کسر)",
    "denominator?": "مخرج کسر (اختیاری)",
    "count": "تعداد",
    "studies": "شمار پژوهش‌ها",
    "active_weeks": "هفته‌های فعال",
    "engagement": "تعامل",
    "mean": "میانگین (۱ تا ۵)",
    "n": "شمار پاسخ‌دهندگان",
}


# Django renders a field's help text as HTML: the schemes are isolated left-to-right codes.
_LINKS_HELP = mark_safe(
    'نشانی‌های وب که با <bdi dir="ltr">http://</bdi> یا <bdi dir="ltr">https://</bdi> آغاز می‌شوند، '
    "با فاصله از هم جدا"
)


class EvidenceForm(forms.Form):
    """An agency's values and evidence for one indicator; value fields follow the sheet's definition."""

    value_1 = forms.CharField(label="مقدار ۱", max_length=32, required=False)
    value_2 = forms.CharField(label="مقدار ۲", max_length=32, required=False)
    evidence_note = forms.CharField(
        label="توضیح مستندات", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    evidence_links = forms.CharField(
        label="پیوند مستندات", max_length=2000, required=False, help_text=_LINKS_HELP
    )
    not_applicable = forms.BooleanField(label="این شاخص برای دستگاه موضوعیت ندارد", required=False)
    attachment = forms.FileField(
        label="پیوست (پی‌دی‌اف، تصویر پی‌ان‌جی یا جی‌پگ، اکسل، ورد)", required=False, allow_empty_file=False
    )

    def __init__(self, *args: object, indicator: Indicator, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        names = value_fields(indicator)
        for key, name in zip(("value_1", "value_2"), names, strict=False):
            self.fields[key].label = _FIELD_LABELS.get(name, name)
        for key in ("value_1", "value_2")[len(names) :]:
            del self.fields[key]


class SheetUploadForm(forms.Form):
    sheet = forms.FileField(label="برگه تکمیل‌شده (اکسل)")


class RatingForm(forms.Form):
    indicator = forms.CharField(widget=forms.HiddenInput, max_length=16)
    item = forms.CharField(widget=forms.HiddenInput, max_length=500, required=False)
    value = forms.TypedChoiceField(
        label="امتیاز", choices=[(i, fa_digits(i)) for i in range(1, 6)], coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="توضیح", widget=forms.Textarea(attrs={"rows": 3}), max_length=3000, required=False
    )


class AppealForm(forms.Form):
    indicator = forms.ChoiceField(label="شاخص")
    reason = forms.CharField(label="دلیل اعتراض", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    attachment = forms.FileField(label="پیوست (اختیاری)", required=False, allow_empty_file=False)

    def __init__(self, *args: object, codes: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["indicator"].choices = codes  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label="تصمیم",
        choices=[("1", "پذیرش و ارزیابی دوباره"), ("0", "رد")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    decision = forms.CharField(
        label="دلیل تصمیم", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    value_1 = forms.CharField(label="مقدار ۱ اصلاح‌شده", max_length=32, required=False)
    value_2 = forms.CharField(label="مقدار ۲ اصلاح‌شده", max_length=32, required=False)
    rating = forms.CharField(label="امتیاز داوری اصلاح‌شده (۱ تا ۵)", max_length=2, required=False)


class PublishForm(forms.Form):
    stage = forms.ChoiceField(label="مرحله", choices=PublicationStage.choices)
