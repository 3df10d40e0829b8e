"""Forms of the web app (validated server-side; Persian labels)."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy

from sanjeh.monitoring.choices import Genre, Tone


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
    period = forms.CharField(label="دوره", max_length=64, help_text="مثلاً 1403-spring یا ۱۴۰۳ بهار")
    size = forms.IntegerField(label="اندازه نمونه", min_value=1, max_value=500, initial=30, required=False)
    seed = forms.IntegerField(label="بذر تصادفی", min_value=0, initial=1, required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        data["size"] = data.get("size") or 30
        data["seed"] = data.get("seed") if data.get("seed") is not None else 1
        return data
