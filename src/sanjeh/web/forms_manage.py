"""Forms of the evaluator's season pages: periods, rater assignments, users, the registry, N/A review.

Shape checks only; who may do what and the cross-field rules live in the services and models.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from sanjeh.evaluation.models import FrameworkVersion
from sanjeh.registry.models import Agency, Official
from sanjeh.scoring.periods import SEASONS_FA
from sanjeh.text.digits import to_latin_digits
from sanjeh.web.choices import Role
from sanjeh.web.fields import JalaliDateField
from sanjeh.web.templatetags.sanjeh_fa import fa_digits

MILESTONE_LABELS = {
    "evidence_close": "پایان مهلت مستندات",
    "rating_close": "پایان داوری",
    "provisional": "انتشار نتایج موقت",
    "appeals_close": "پایان مهلت اعتراض",
    "final": "انتشار نتایج نهایی",
}


class PeriodCreateForm(forms.Form):
    """A Jalali season of a year, or a custom range of days."""

    # a text box, not type=number: a Persian keyboard types ۱۴۰۳, which a number input refuses
    year = forms.CharField(
        label="سال خورشیدی", max_length=4, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    season = forms.TypedChoiceField(
        label="فصل",
        choices=[(str(i), name) for i, name in enumerate(SEASONS_FA, start=1)] + [("0", "بازه دلخواه")],
        coerce=int,
    )
    start = JalaliDateField(label="آغاز (برای بازه دلخواه)", required=False)
    end = JalaliDateField(label="پایان (برای بازه دلخواه)", required=False)
    key_messages = forms.CharField(
        label="پیام‌های کلیدی (هر پیام در یک سطر)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean_year(self) -> int:
        text = to_latin_digits(self.cleaned_data["year"].strip())
        if not text.isdigit() or not 1380 <= int(text) <= 1500:
            raise forms.ValidationError("سال خورشیدی را با چهار رقم بنویسید، از ۱۳۸۰ تا ۱۵۰۰؛ مثلاً ۱۴۰۴.")
        return int(text)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("season") == 0 and not (data.get("start") and data.get("end")):
            raise forms.ValidationError("برای بازه دلخواه، تاریخ آغاز و پایان را برگزینید.")
        return data


class PeriodEditForm(forms.Form):
    key_messages = forms.CharField(
        label="پیام‌های کلیدی (هر پیام در یک سطر)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    framework = forms.ModelChoiceField(label="نسخه چارچوب", queryset=FrameworkVersion.objects.all())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].label_from_instance = lambda f: f"{f.name} — نسخه {fa_digits(f.version)}"  # type: ignore[attr-defined]
        for key, label in MILESTONE_LABELS.items():
            self.fields[key] = JalaliDateField(label=label)


class AssignmentForm(forms.Form):
    agency = forms.ModelChoiceField(label="دستگاه", queryset=Agency.objects.order_by("name"))
    round = forms.TypedChoiceField(
        label="نوبت", choices=[("1", "داور اول"), ("2", "داور دوم"), ("3", "داور سوم")], coerce=int
    )
    user = forms.ModelChoiceField(label="داور", queryset=get_user_model().objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        raters = (
            get_user_model()
            .objects.filter(membership__role__in=(Role.RATER, Role.EVALUATOR), is_active=True)
            .order_by("username")
        )
        field = self.fields["user"]
        field.queryset = raters  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[attr-defined]


class MemberForm(forms.Form):
    """A user with one role; an agency officer is bound to one agency."""

    username = forms.RegexField(
        label="نام کاربری",
        regex=r"^[\w.@+-]{3,150}$",
        max_length=150,
        error_messages={"invalid": "نام کاربری: ۳ تا ۱۵۰ حرف و رقم لاتین، یا . @ + - _"},
    )
    full_name = forms.CharField(label="نام و نام خانوادگی", max_length=150, required=False)
    role = forms.ChoiceField(label="نقش", choices=Role.choices)
    agency = forms.ModelChoiceField(
        label="دستگاه (برای کارشناس روابط عمومی)", queryset=Agency.objects.order_by("name"), required=False
    )
    email = forms.EmailField(label="رایانامه", required=False)
    phone = forms.RegexField(
        label="تلفن همراه",
        regex=r"^\+?[0-9۰-۹]{10,15}$",
        required=False,
        error_messages={"invalid": "تلفن همراه: ۱۰ تا ۱۵ رقم، مثلاً ۰۹۱۲۳۴۵۶۷۸۹"},
    )
    is_active = forms.BooleanField(label="فعال", required=False, initial=True)
    password = forms.CharField(
        label="گذرواژه (برای کاربر تازه)", widget=forms.PasswordInput, required=False, max_length=256
    )


class PasswordResetForm(forms.Form):
    password = forms.CharField(label="گذرواژه تازه", widget=forms.PasswordInput, max_length=256)


class AgencyForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label="نام‌های دیگر (هر نام در یک سطر)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    active_from = JalaliDateField(label="فعال از", required=False)
    active_to = JalaliDateField(label="فعال تا", required=False)

    class Meta:
        model = Agency
        fields = ("code", "name", "peer_group", "parent", "province", "active_from", "active_to")
        widgets = {"code": forms.TextInput(attrs={"dir": "ltr"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aliases_text"].initial = "\n".join(self.instance.aliases or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.instance.aliases = [a.strip() for a in data.get("aliases_text", "").splitlines() if a.strip()]
        return data


class OfficialForm(forms.ModelForm):
    start = JalaliDateField(label="از تاریخ", required=False)
    end = JalaliDateField(label="تا تاریخ", required=False)

    class Meta:
        model = Official
        fields = ("person", "honorific", "role_title", "agency", "is_spokesperson", "start", "end")
