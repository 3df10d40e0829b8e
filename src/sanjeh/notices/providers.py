"""Where short messages go: a small provider interface and one HTTP implementation.

An SMS gateway or a messenger bot is, for sanjeh, one HTTP endpoint that takes a recipient and a text;
`HttpProvider` POSTs `{"to": ..., "text": ...}` as JSON with a bearer token (SANJEH_SMS_URL,
SANJEH_SMS_TOKEN) and treats any 2xx answer as delivered. A gateway with another shape gets another
`Provider` implementation, chosen in `provider_from_settings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import httpx
from django.conf import settings


class DeliveryError(Exception):
    """A provider could not deliver; the message says why (status code or network error)."""


class Provider(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


@dataclass(frozen=True)
class HttpProvider:
    url: str
    token: str = ""
    timeout: float = 10.0

    def send(self, *, to: str, text: str) -> None:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            response = httpx.post(
                self.url, json={"to": to, "text": text}, headers=headers, timeout=self.timeout
            )
        except httpx.HTTPError as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from None
        if not response.is_success:
            raise DeliveryError(f"HTTP {response.status_code}: {response.text[:200]}")


def provider_from_settings() -> Provider | None:
    """The configured short-message provider, or None when SANJEH_SMS_URL is unset (channel off)."""
    url = getattr(settings, "NOTICE_SMS_URL", "")
    return HttpProvider(url=url, token=getattr(settings, "NOTICE_SMS_TOKEN", "")) if url else None
