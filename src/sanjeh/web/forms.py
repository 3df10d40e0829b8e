"""Forms of the web app (validated server-side; Persian labels)."""

from __future__ import annotations

from django import forms

from sanjeh.monitoring.choices import Genre, Tone


class LoginForm(forms.Form):
    username = forms.CharField(label="نام کاربری", max_length=150)
    password = forms.CharField(label="گذرواژه", widget=forms.PasswordInput, max_length=256)


class SearchForm(forms.Form):
    q = forms.CharField(label="جست‌وجو", max_length=200, required=False)
    agency = forms.CharField(label="دستگاه", max_length=64, required=False)
    outlet = forms.CharField(label="رسانه", max_length=200, required=False)
    tone = forms.ChoiceField(label="لحن", choices=[("", "همه"), *Tone.choices], required=False)
    genre = forms.ChoiceField(label="گونه", choices=[("", "همه"), *Genre.choices], required=False)
    since = forms.CharField(label="از تاریخ", max_length=10, required=False, help_text="مثلاً ۱۴۰۳/۰۱/۰۱")
    until = forms.CharField(label="تا تاریخ", max_length=10, required=False)
