"""Forms of the web app (validated server-side; Persian labels)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy

from sanjeh.evaluation.models import Period as EvalPeriod
from sanjeh.monitoring.choices import Genre, Tone
from sanjeh.scoring import ScoringError
from sanjeh.scoring.periods import parse_period


class LoginForm(forms.Form):
    username = forms.CharField(label="نام کاربری", max_length=150)
    password = forms.CharField(label="گذرواژه", widget=forms.PasswordInput, max_length=256)


class SearchForm(forms.Form):
    q = forms.CharField(
        label="جست‌وجو",
        max_length=200,
        required=False,
        help_text='همه واژه‌ها جست‌وجو می‌شوند؛ «"عبارت دقیق"»، «الف یا ب» و «-واژه» برای کنار گذاشتن.',
    )
    agency = forms.CharField(
        label="دستگاه",
        max_length=300,
        required=False,
        widget=forms.TextInput(
            attrs={
                "list": "agency-options",
                "autocomplete": "off",
                "hx-get": reverse_lazy("web:search_agencies"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#agency-options",
                "hx-swap": "innerHTML",
                "hx-push-url": "false",
            }
        ),
        help_text="نام فارسی دستگاه؛ با نوشتن چند حرف، فهرست پیشنهادها می‌آید.",
    )
    outlet = forms.CharField(label="رسانه", max_length=200, required=False)
    tone = forms.ChoiceField(label="لحن", choices=[("", "همه"), *Tone.choices], required=False)
    genre = forms.ChoiceField(label="گونه", choices=[("", "همه"), *Genre.choices], required=False)
    since = forms.CharField(label="از تاریخ", max_length=10, required=False, help_text="مثلاً ۱۴۰۳/۰۱/۰۱")
    until = forms.CharField(label="تا تاریخ", max_length=10, required=False)
    page = forms.IntegerField(min_value=1, max_value=100_000, required=False, widget=forms.HiddenInput)


class SavedSearchForm(forms.Form):
    name = forms.CharField(label="نام این جست‌وجو", max_length=100)
    alert = forms.BooleanField(
        label="هشدار رایانامه‌ای برای پوشش منفی تازه دستگاه", required=False, initial=False
    )


class ToneAuditForm(forms.Form):
    """The period comes from the stored periods (a select, any spelling accepted in the URL); the
    sample's tie-break seed is the service's business (`tone_audit.next_seed`), not a person's."""

    period = forms.CharField(label="دوره", max_length=64, widget=forms.Select)
    size = forms.IntegerField(label="اندازه نمونه", min_value=1, max_value=500, initial=30, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].widget.choices = [  # type: ignore[attr-defined]
            (p.name, p.label) for p in EvalPeriod.objects.order_by("-start")
        ]

    def clean_period(self) -> str:
        value = self.cleaned_data["period"]
        try:
            name = parse_period(value).name
        except ScoringError:
            name = ""
        if not EvalPeriod.objects.filter(name=name).exists():
            raise forms.ValidationError("دوره را از فهرست دوره‌های تعریف‌شده برگزینید.")
        return name

    def clean(self) -> dict:
        data = super().clean() or {}
        data["size"] = data.get("size") or 30
        return data
