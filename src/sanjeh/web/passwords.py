"""Password rules: Django's validators, with the minimum-length message in Persian.

Django 5.2 reworded that message and its Persian catalogue has not caught up, so people creating an
account would read the one English sentence among Persian ones; the other validators' messages are
translated by Django.
"""

from __future__ import annotations

from django.contrib.auth import password_validation

from sanjeh.text.digits import to_persian_digits


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return to_persian_digits(f"این گذرواژه کوتاه است؛ دست\u200cکم {self.min_length} نویسه لازم است.")

    def get_help_text(self) -> str:
        return to_persian_digits(f"گذرواژه باید دست\u200cکم {self.min_length} نویسه باشد.")
